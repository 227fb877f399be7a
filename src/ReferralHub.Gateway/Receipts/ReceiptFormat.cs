using Microsoft.AspNetCore.Http;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Receipts;

/// <summary>A receipt is a printable HTML page unless PDF is asked for by <c>_format</c> or preferred by Accept.</summary>
public enum ReceiptFormat
{
    Html,
    Pdf,
}

public static class ReceiptFormats
{
    public const string HtmlMediaType = "text/html";
    public const string PdfMediaType = "application/pdf";

    public static ReceiptFormat Choose(HttpRequest request)
    {
        if (request.Query.TryGetValue("_format", out var requested))
        {
            return requested.ToString().Trim().ToLowerInvariant() switch
            {
                "pdf" or PdfMediaType => ReceiptFormat.Pdf,
                "html" or HtmlMediaType => ReceiptFormat.Html,
                _ => throw new FhirInputException(406, $"A consent receipt is available as {HtmlMediaType} (_format=html) or {PdfMediaType} (_format=pdf).") { IssueCode = "not-supported" },
            };
        }

        var accept = request.GetTypedHeaders().Accept;
        var pdf = QualityOf(accept, PdfMediaType);
        return pdf > 0 && pdf > QualityOf(accept, HtmlMediaType) ? ReceiptFormat.Pdf : ReceiptFormat.Html;
    }

    private static double QualityOf(IList<Microsoft.Net.Http.Headers.MediaTypeHeaderValue> accept, string mediaType) =>
        accept.Where(range => range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(range => range.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();
}
