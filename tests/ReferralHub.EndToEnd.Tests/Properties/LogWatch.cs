using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// Searches every log call of the hub as it is made for personal data: any canary, and any date of the last century
/// (the survivors' birth dates; the hub itself writes only current dates). Keeps only what it finds.
/// </summary>
public sealed partial class LogWatch
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> canariesByTag = new();
    private readonly ConcurrentDictionary<string, string> dates = new();

    /// <summary>Everything found so far, one line each.</summary>
    public IReadOnlyList<string> All =>
        [.. canariesByTag.Values.SelectMany(found => found), .. dates.Select(date => $"the date {date.Key} in {date.Value}")];

    public void Search(CapturedLogEntry entry)
    {
        var text = entry.Text;
        var canaries = CanaryText.FindAll(text).ToList();
        var found = DatePattern().Matches(text);
        if (canaries.Count == 0 && found.Count == 0)
        {
            return;
        }

        var excerpt = $"a {entry.Level} {entry.Category} log entry: {(text.Length > 400 ? text[..400] + "…" : text)}";
        foreach (var canary in canaries)
        {
            canariesByTag.GetOrAdd(CanaryText.TagOf(canary), _ => new ConcurrentQueue<string>()).Enqueue($"{canary} in {excerpt}");
        }

        foreach (Match date in found)
        {
            dates.TryAdd(date.Value, excerpt);
        }
    }

    /// <summary>What was found of one case: its canaries, and its birth date.</summary>
    public IEnumerable<string> Of(CaseInstance instance)
    {
        foreach (var line in canariesByTag.GetValueOrDefault(instance.Tag) ?? [])
        {
            yield return line;
        }

        if (instance.Shape.Patient.Has(PatientPart.BirthDate) && dates.TryGetValue(instance.BirthDate, out var excerpt))
        {
            yield return $"the birth date {instance.BirthDate} in {excerpt}";
        }
    }

    [GeneratedRegex(@"\b19\d\d-\d\d-\d\d\b")]
    private static partial Regex DatePattern();
}
