using System.Diagnostics.CodeAnalysis;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>
/// One SMART system or user scope, reduced to what it allows: its context, a resource type (<c>*</c> for every type)
/// and the interactions (c create, r read, u update, d delete, s search). v2 <c>system/Task.rus</c> and v1
/// <c>system/Task.read</c> / <c>.write</c> / <c>.*</c> both parse, and the same with <c>user/</c> (a person signed in
/// through the web application, who acts for their organisation exactly as its API client does); anything else
/// (patient/ scopes, granular <c>?param=</c> scopes) does not.
/// </summary>
public sealed record SmartScope(string Context, string ResourceType, string Interactions)
{
    public const string AllInteractions = "cruds";

    public const string SystemContext = "system";

    public const string UserContext = "user";

    public static bool TryParse(string scope, [NotNullWhen(true)] out SmartScope? parsed)
    {
        parsed = null;
        var slash = scope.IndexOf('/', StringComparison.Ordinal);
        var dot = scope.LastIndexOf('.');
        var context = slash < 0 ? string.Empty : scope[..slash];
        if (context is not (SystemContext or UserContext) || dot < slash)
        {
            return false;
        }

        var type = scope[(slash + 1)..dot];
        var interactions = scope[(dot + 1)..] switch
        {
            "*" => AllInteractions,
            "read" => "rs",
            "write" => "cud",
            var v2 when IsV2(v2) => v2,
            _ => null,
        };
        if (interactions is null || !IsResourceType(type))
        {
            return false;
        }

        parsed = new SmartScope(context, type, interactions);
        return true;
    }

    public bool Permits(string resourceType, char interaction) =>
        (ResourceType == "*" || ResourceType == resourceType) && Interactions.Contains(interaction, StringComparison.Ordinal);

    /// <summary>Whether everything <paramref name="narrower"/> allows, this scope allows too (in the same context).</summary>
    public bool Covers(SmartScope narrower) =>
        Context == narrower.Context && (ResourceType == "*" || ResourceType == narrower.ResourceType) && narrower.Interactions.All(i => Interactions.Contains(i, StringComparison.Ordinal));

    /// <summary>v2 permissions: a non-empty subset of "cruds", letters in that order, none repeated.</summary>
    private static bool IsV2(string access)
    {
        var position = 0;
        foreach (var letter in access)
        {
            position = AllInteractions.IndexOf(letter, position);
            if (position < 0)
            {
                return false;
            }

            position++;
        }

        return access.Length > 0;
    }

    private static bool IsResourceType(string type) => type == "*" || (type.Length > 0 && char.IsAsciiLetterUpper(type[0]) && type.All(char.IsAsciiLetter));
}
