namespace ReferralHub.Identity.People;

/// <summary>
/// A person who signs in to the web application: a caseworker, supervisor or administrator of exactly one
/// organisation, with their language. The password is kept only as a salted, iterated hash.
/// </summary>
public sealed class HubUser
{
    public required string Id { get; set; }

    /// <summary>What the person types to sign in, e.g. <c>caseworker@shelter-it-roma</c>; unique, compared case-insensitively.</summary>
    public required string UserName { get; set; }

    public required string DisplayName { get; set; }

    public required string OrganizationId { get; set; }

    /// <summary>Roles (<see cref="ServiceDefaults.Authentication.HubRoles"/>), space-separated.</summary>
    public required string Roles { get; set; }

    /// <summary>The person's language: <c>en</c>, <c>it</c> or <c>fr</c>.</summary>
    public required string Locale { get; set; }

    public required string PasswordHash { get; set; }

    public bool Active { get; set; } = true;

    public int FailedSignIns { get; set; }

    public DateTime? LockedUntil { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
