using System.Security.Claims;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>
/// SMART on FHIR system scopes: v2 <c>system/Task.rus</c> (c create, r read, u update, d delete, s search) and
/// v1 <c>system/Task.read</c> / <c>.write</c> / <c>.*</c>; <c>*</c> as the resource type matches every type.
/// </summary>
public static class SmartScopes
{
    public const string Interactions = "cruds";

    public static bool Permits(ClaimsPrincipal user, string resourceType, char interaction) =>
        user.GetScopes().Any(scope => Permits(scope, resourceType, interaction));

    public static bool Permits(string scope, string resourceType, char interaction)
    {
        if (!scope.StartsWith("system/", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = scope.LastIndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        var type = scope["system/".Length..dot];
        var access = scope[(dot + 1)..];
        if (type != "*" && type != resourceType)
        {
            return false;
        }

        return access switch
        {
            "*" => true,
            "read" => interaction is 'r' or 's',
            "write" => interaction is 'c' or 'u' or 'd',
            _ => IsV2(access) && access.Contains(interaction, StringComparison.Ordinal),
        };
    }

    /// <summary>v2 permissions are a subset of "cruds" in that order.</summary>
    private static bool IsV2(string access)
    {
        var position = 0;
        foreach (var letter in access)
        {
            position = Interactions.IndexOf(letter, position);
            if (position < 0)
            {
                return false;
            }

            position++;
        }

        return access.Length > 0;
    }

    /// <summary>Every resource type the hub's API serves, for the scopes it registers.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes =
        ["Patient", "Consent", "ServiceRequest", "Task", "Observation", "Organization", "HealthcareService", "AuditEvent", "Communication"];

    /// <summary>The scope that grants everything a client may do on a type; AuditEvent is read-only.</summary>
    public static string FullScope(string resourceType) => resourceType == "AuditEvent" ? "system/AuditEvent.rs" : $"system/{resourceType}.cruds";
}
