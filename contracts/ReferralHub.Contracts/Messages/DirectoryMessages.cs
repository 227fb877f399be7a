namespace ReferralHub.Contracts.Messages;

/// <summary>
/// Event (Gateway → Routing): a directory entry as Routing needs it to choose a recipient for a referral that names
/// none. Published whenever an operator creates, changes or imports a HealthcareService, or changes its
/// Organization; a removed or inactive service is published with <paramref name="Active"/> false. Routing keeps the
/// latest <paramref name="Version"/> of each service and ignores older ones (messages may arrive out of order).
/// </summary>
/// <param name="ServiceCodes">Codes of the reintegration-service code system (DESIGN §7) the service offers.</param>
/// <param name="Country">ISO 3166-1 alpha-2, e.g. <c>NG</c>.</param>
/// <param name="Region">ISO 3166-2 subdivision, e.g. <c>NG-ED</c>; null when the service covers the whole country.</param>
/// <param name="Languages">BCP 47 codes of the languages the service works in.</param>
/// <param name="Capacity">One of <see cref="DirectoryCapacity"/>.</param>
/// <param name="Version">Increases with every change of the entry.</param>
public sealed record DirectoryServiceChanged(
    string HealthcareServiceId,
    string OrganizationId,
    bool Active,
    IReadOnlyList<string> ServiceCodes,
    string Country,
    string? Region,
    IReadOnlyList<string> Languages,
    string Capacity,
    long Version,
    DateTimeOffset At);

/// <summary>
/// Command (Routing → Gateway): announce every directory service again. Routing sends it when it starts: a
/// <see cref="DirectoryServiceChanged"/> published before Routing's queue existed (a first deployment where the
/// Gateway started first) reached nobody, and this makes Routing's copy whole whatever the start order.
/// </summary>
public sealed record DirectoryResyncRequested(string RequestedBy, DateTimeOffset At);

/// <summary>Whether a service takes referrals now (codes of the hub's <c>capacity</c> code system).</summary>
public static class DirectoryCapacity
{
    public const string Accepting = "accepting";
    public const string Waitlist = "waitlist";
    public const string NotAccepting = "not-accepting";
}
