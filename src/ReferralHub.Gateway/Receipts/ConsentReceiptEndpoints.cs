using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Messaging.Bus;

namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// <c>GET /fhir/Consent/{id}/$receipt</c>: the consent receipt the survivor keeps, as a printable HTML page (default)
/// or a PDF (<c>Accept: application/pdf</c> or <c>_format=pdf</c>), in English, Italian or French.
/// </summary>
public static class ConsentReceiptEndpoints
{
    public const string OperationName = "receipt";

    public const string OperationDefinition = "http://referralhub.org/fhir/OperationDefinition/Consent-receipt";

    public static IServiceCollection AddConsentReceipts(this IServiceCollection services)
    {
        services.AddScoped<ConsentReceipts>();
        services.AddHubRequestClient<DescribeConsent>(ConsentReceipts.DescribeTimeout);
        return services;
    }

    /// <summary>Maps the operation on the authenticated FHIR group (errors become OperationOutcomes there).</summary>
    public static IEndpointRouteBuilder MapConsentReceipt(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet($"/Consent/{{id}}/${OperationName}", ReceiptAsync);
        return fhir;
    }

    private static async Task<IResult> ReceiptAsync(string id, HttpContext context, ConsentReceipts receipts)
    {
        var caller = (FhirCaller)context.Items[typeof(FhirCaller)]!;
        var strings = ReceiptStrings.For(ReceiptLanguage.Choose(context.Request));
        var format = ReceiptFormats.Choose(context.Request);
        var facts = await receipts.GatherAsync(caller, id, context.RequestAborted);
        var document = ReceiptComposer.Compose(facts, strings);

        var headers = context.Response.Headers;
        // The receipt carries personal data: no cache may keep it.
        headers.CacheControl = "no-store";
        headers.ContentLanguage = strings.Language;
        headers["X-Content-Type-Options"] = "nosniff";
        if (format == ReceiptFormat.Pdf)
        {
            headers.ContentDisposition = $"inline; filename=\"consent-receipt-{facts.ReceiptId}.pdf\"";
            return Results.Bytes(ReceiptPdf.Render(document), ReceiptFormats.PdfMediaType);
        }

        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
        return Results.Text(ReceiptHtml.Render(document), $"{ReceiptFormats.HtmlMediaType}; charset=utf-8");
    }
}
