using System.Security.Claims;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>What the hub's scopes allow: the resource types it serves and whether a caller's token permits an interaction.</summary>
public static class SmartScopes
{
    /// <summary>Every resource type the hub's API serves, for the scopes it registers.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes =
        ["Patient", "Consent", "ServiceRequest", "Task", "Observation", "Organization", "HealthcareService", "AuditEvent", "Communication", "Bundle", "Endpoint"];

    /// <summary>Whether one of the caller's scopes permits <paramref name="interaction"/> (one of c r u d s) on the type.</summary>
    public static bool Permits(ClaimsPrincipal user, string resourceType, char interaction) =>
        user.GetScopes().Any(scope => Permits(scope, resourceType, interaction));

    public static bool Permits(string scope, string resourceType, char interaction) =>
        SmartScope.TryParse(scope, out var parsed) && parsed.Permits(resourceType, interaction);

    /// <summary>
    /// The scope that grants everything a client may do on a type. AuditEvent is read-only; Bundle is the caller's
    /// mailbox of message Bundles: read and searched, and answered through <c>$process-message</c> (create); Endpoint
    /// is the operators' webhook channel: read, searched, and created or changed by PUT (with its secret's rotation).
    /// </summary>
    public static string FullScope(string resourceType) => resourceType switch
    {
        "AuditEvent" => "system/AuditEvent.rs",
        "Bundle" => "system/Bundle.crs",
        "Endpoint" => "system/Endpoint.rus",
        _ => $"system/{resourceType}.{SmartScope.AllInteractions}",
    };

    /// <summary>The full scope of every resource type: what a demo client may have, what discovery advertises.</summary>
    public static IEnumerable<string> AllFullScopes() => ResourceTypes.Select(FullScope);

    /// <summary>The same as <see cref="AllFullScopes"/> for people signed in through the web application (<c>user/</c>).</summary>
    public static IEnumerable<string> AllFullUserScopes() =>
        AllFullScopes().Select(scope => SmartScope.UserContext + scope[SmartScope.SystemContext.Length..]);
}
