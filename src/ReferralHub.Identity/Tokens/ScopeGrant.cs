using System.Collections.Immutable;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Identity.Tokens;

/// <summary>
/// Which scopes a token carries. No <c>scope</c> asked: every scope the client is permitted. Otherwise exactly those
/// asked for, each of which must be covered by a permitted one, so a client permitted <c>system/Task.cruds</c> may ask
/// for the narrower <c>system/Task.rs</c> (least privilege, as SMART clients do).
/// </summary>
internal static class ScopeGrant
{
    public static ImmutableArray<string> Resolve(ImmutableArray<string> requested, IReadOnlyCollection<string> permitted, out string? refused)
    {
        refused = null;
        if (requested.IsDefaultOrEmpty)
        {
            return [.. permitted];
        }

        var permittedScopes = permitted.Select(p => SmartScope.TryParse(p, out var scope) ? scope : null).OfType<SmartScope>().ToList();
        foreach (var scope in requested)
        {
            if (!SmartScope.TryParse(scope, out var asked) || !permittedScopes.Any(p => p.Covers(asked)))
            {
                refused = scope;
                return [];
            }
        }

        return requested;
    }
}
