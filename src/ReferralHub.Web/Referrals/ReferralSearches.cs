using ReferralHub.Web.Fhir;

namespace ReferralHub.Web.Referrals;

/// <summary>The Task searches the pages use, each with the referral's ServiceRequest and Patient included.</summary>
public sealed class ReferralSearches(HubApi api)
{
    public const int Largest = 200;

    /// <summary>Referrals my organisation sent.</summary>
    public async Task<IReadOnlyList<Referral>> SentAsync(string organizationId, CancellationToken cancellationToken) =>
        Referral.FromSearch(await api.SearchAsync("Task", With(Filter("requester", $"Organization/{organizationId}")), Largest, cancellationToken));

    /// <summary>Referrals my organisation received.</summary>
    public async Task<IReadOnlyList<Referral>> ReceivedAsync(string organizationId, CancellationToken cancellationToken) =>
        Referral.FromSearch(await api.SearchAsync("Task", With(Filter("owner", $"Organization/{organizationId}")), Largest, cancellationToken));

    /// <summary>Referrals of one survivor that my organisation sent.</summary>
    public async Task<IReadOnlyList<Referral>> OfSurvivorAsync(string organizationId, string patientId, CancellationToken cancellationToken) =>
        Referral.FromSearch(await api.SearchAsync(
            "Task", With(Filter("requester", $"Organization/{organizationId}"), Filter("patient", $"Patient/{patientId}")), Largest, cancellationToken));

    private static KeyValuePair<string, string> Filter(string name, string value) => new(name, value);

    private static IEnumerable<KeyValuePair<string, string>> With(params KeyValuePair<string, string>[] filters) =>
        [.. filters, new("_include", "Task:focus"), new("_include", "Task:patient")];
}
