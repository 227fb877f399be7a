using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Authorization.Bola;

/// <summary>
/// What an answer tells the caller, in a form two answers can be compared in: the status; the media type, Location,
/// whether ETag and Last-Modified are sent; an OperationOutcome's severities, codes and text; a searchset's total and entries (and its outcome entries' text); a batch or transaction
/// response's statuses and outcomes; any other body as is.
/// The id the request named is written as <c>{id}</c>, so that the answer about a victim and the answer about a
/// never-existing id compare equal exactly when they tell the same.
/// </summary>
public sealed record ProbeAnswer(int Status, string Says)
{
    public static ProbeAnswer Of(HubResponse response, string namedId)
    {
        ArgumentNullException.ThrowIfNull(response);
        var says = response.ResourceType switch
        {
            "OperationOutcome" => Issues(response.As<OperationOutcome>()),
            "Bundle" when response.As<Bundle>() is { Type: Bundle.BundleType.Searchset } searchset => Searchset(searchset),
            "Bundle" when response.As<Bundle>() is { Type: Bundle.BundleType.BatchResponse or Bundle.BundleType.TransactionResponse } answers => Responses(answers),
            _ => response.Body,
        };
        // A searchset is as new as the search: whether ETag and Last-Modified are there tells, not their value.
        var headers = $"{response.ContentHeaders.ContentType?.MediaType}; ETag {response.ETag is not null}; Last-Modified {response.ContentHeaders.LastModified is not null}; Location {response.Headers.Location}";
        return new ProbeAnswer((int)response.Status, $"{headers}: {says}".Replace(namedId, "{id}", StringComparison.Ordinal));
    }

    public override string ToString() => $"{Status} {(Says.Length > 300 ? Says[..300] + "…" : Says)}";

    private static string Issues(OperationOutcome outcome) =>
        string.Join(" | ", outcome.Issue.Select(issue => $"{issue.Severity}/{issue.Code}: {issue.Diagnostics} {issue.Details?.Text}".TrimEnd()));

    private static string Responses(Bundle bundle) =>
        $"{bundle.Type}: " + string.Join(", ", bundle.Entry.Select(entry => $"{entry.Response?.Status} [{(entry.Response?.Outcome is OperationOutcome outcome ? Issues(outcome) : entry.Response?.Location)}]"));

    private static string Searchset(Bundle bundle) =>
        $"total {bundle.Total}: " + string.Join(", ", bundle.Entry.Select(entry => entry.Resource is OperationOutcome outcome
            ? $"outcome [{Issues(outcome)}]"
            : $"{entry.Search?.Mode} {entry.Resource?.TypeName}/{entry.Resource?.Id}"));
}
