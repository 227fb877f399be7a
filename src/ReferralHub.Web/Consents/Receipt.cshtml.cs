using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Consents;

/// <summary>
/// The consent receipt the survivor keeps, as the hub composes it (<c>GET /fhir/Consent/{id}/$receipt</c>) in the
/// person's language: a printable page, or the PDF. The page is the hub's own document, so it keeps the hub's own
/// policy for it: no script at all, its styles inline, nothing loaded from anywhere.
/// </summary>
[Requires(PersonCapability.ReadDisclosureLog)]
public sealed class ReceiptModel(HubApi api) : PageModel
{
    public const string ReceiptPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public async Task<IActionResult> OnGetAsync(string id, string? format, CancellationToken cancellationToken)
    {
        var pdf = format == "pdf";
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var (body, mediaType) = await api.GetDocumentAsync(
            $"Consent/{Uri.EscapeDataString(id)}/$receipt?lang={language}", pdf ? "application/pdf" : "text/html", cancellationToken);
        Response.Headers.ContentSecurityPolicy = ReceiptPolicy;
        return File(body, pdf ? "application/pdf" : $"{mediaType}; charset=utf-8");
    }
}
