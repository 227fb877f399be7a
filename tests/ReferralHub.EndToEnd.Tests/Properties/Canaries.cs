using System.Globalization;
using System.Text.RegularExpressions;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>Who may see an element of a case: which data class (or other condition) discloses it.</summary>
public sealed record Disclosure(DisclosureKind Kind, string? DataClass = null, int? Observation = null)
{
    public static readonly Disclosure Referral = new(DisclosureKind.Referral);

    /// <summary>Content no data class discloses; a view without it is labelled REDACTED.</summary>
    public static readonly Disclosure Never = new(DisclosureKind.Never);

    /// <summary><c>meta</c>: never disclosed, and not counted as withheld (DESIGN: bookkeeping of the stored copy).</summary>
    public static readonly Disclosure Bookkeeping = new(DisclosureKind.Bookkeeping);

    public static Disclosure ByClass(string dataClass) => new(DisclosureKind.ByClass, DataClass: dataClass);

    public static Disclosure WithObservation(int index) => new(DisclosureKind.WithObservation, Observation: index);

    public override string ToString() => Kind switch
    {
        DisclosureKind.ByClass => $"class {DataClass}",
        DisclosureKind.WithObservation => $"Observation #{Observation}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

public enum DisclosureKind
{
    Referral,
    ByClass,
    WithObservation,
    Never,
    Bookkeeping,
}

/// <summary>
/// An element put into a resource of a case. <see cref="Canary"/> is its unique marker, or null where the FHIR type
/// cannot hold one (a gender code, a reference); such elements still count when deciding whether something was
/// withheld.
/// </summary>
public sealed record CaseElement(string Resource, string Name, Disclosure Disclosure, string? Canary)
{
    public override string ToString() => $"{Resource}.{Name} ({Disclosure})";
}

/// <summary>
/// Canary values: <c>CANARY-{case tag}-{element}</c>, unique per case and element, so that finding one anywhere names
/// the case and the element that leaked. One regular expression finds them all in any text.
/// </summary>
public static partial class CanaryText
{
    public const string Prefix = "CANARY-";

    public static string For(string caseTag, string element) => $"{Prefix}{caseTag}-{element}";

    /// <summary>A tag unique within a run: the run's prefix and the case's sequence number.</summary>
    public static string Tag(string runPrefix, long sequence) =>
        runPrefix + sequence.ToString("x6", CultureInfo.InvariantCulture);

    /// <summary>Every canary in <paramref name="text"/>.</summary>
    public static IEnumerable<string> FindAll(string text)
    {
        if (!text.Contains(Prefix, StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (Match match in Pattern().Matches(text))
        {
            yield return match.Value;
        }
    }

    /// <summary>The case tag inside a canary.</summary>
    public static string TagOf(string canary) => Pattern().Match(canary).Groups["tag"].Value;

    [GeneratedRegex("CANARY-(?<tag>[a-z0-9]{10})-[A-Z0-9]+")]
    private static partial Regex Pattern();
}
