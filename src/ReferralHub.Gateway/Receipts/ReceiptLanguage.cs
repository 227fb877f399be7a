using System.Globalization;
using Microsoft.AspNetCore.Http;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Receipts;

/// <summary>The languages a receipt is written in, and which one a request gets: <c>?lang=</c>, else Accept-Language, else English.</summary>
public static class ReceiptLanguage
{
    public const string English = "en";

    public static IReadOnlyList<string> Supported { get; } = [English, "it", "fr"];

    public static string Choose(HttpRequest request)
    {
        if (request.Query.TryGetValue("lang", out var requested))
        {
            var code = requested.ToString().Trim().ToLowerInvariant();
            return Supported.Contains(code)
                ? code
                : throw new FhirInputException(400, $"lang must be one of {string.Join(", ", Supported)}.");
        }

        return request.GetTypedHeaders().AcceptLanguage
            .Where(range => range.Quality is null or > 0)
            .OrderByDescending(range => range.Quality ?? 1)
            .Select(range => PrimarySubtag(range.Value.ToString()))
            .FirstOrDefault(Supported.Contains)
            ?? English;
    }

    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language);

    private static string PrimarySubtag(string tag) => tag.Split('-', 2)[0].Trim().ToLowerInvariant();
}
