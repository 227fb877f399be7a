using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// Searches every log call of the hub as it is made for personal data: any canary, and any date in the range the
/// survivors' birth dates are drawn from (<see cref="CaseInstance.FirstBirthDate"/>). Keeps only what it finds, and
/// the hub's first warnings.
/// </summary>
public sealed partial class LogWatch
{
    private const int MaxWarnings = 50;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> canariesByTag = new();
    private readonly ConcurrentDictionary<string, string> dates = new();
    private readonly ConcurrentQueue<string> warnings = new();

    /// <summary>The hub's first warnings and errors (a 503's cause, for instance), for a failure's report.</summary>
    public IReadOnlyList<string> Warnings => [.. warnings];

    /// <summary>Everything found so far, one line each.</summary>
    public IReadOnlyList<string> All =>
        [.. canariesByTag.Values.SelectMany(found => found), .. dates.Select(date => $"the date {date.Key} in {date.Value}")];

    public void Search(CapturedLogEntry entry)
    {
        var text = entry.Text;
        if (entry.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && warnings.Count < MaxWarnings)
        {
            warnings.Enqueue($"{entry.Level} {entry.Category}: {entry.Message}");
        }

        var canaries = CanaryText.FindAll(text).ToList();
        var found = DatePattern().Matches(text);
        if (canaries.Count == 0 && !found.Any(match => IsBirthDate(match.Value)))
        {
            return;
        }

        var excerpt = $"a {entry.Level} {entry.Category} log entry: {(text.Length > 400 ? text[..400] + "…" : text)}";
        foreach (var canary in canaries)
        {
            canariesByTag.GetOrAdd(CanaryText.TagOf(canary), _ => new ConcurrentQueue<string>()).Enqueue($"{canary} in {excerpt}");
        }

        foreach (var date in found.Select(match => match.Value).Where(IsBirthDate))
        {
            dates.TryAdd(date, excerpt);
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

    private static bool IsBirthDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date >= CaseInstance.FirstBirthDate && date < CaseInstance.FirstBirthDate.AddDays(CaseInstance.BirthDates);

    [GeneratedRegex(@"\b19\d\d-\d\d-\d\d\b")]
    private static partial Regex DatePattern();
}
