using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ReferralHub.Web.Tests.Infrastructure;

/// <summary>Runs axe-core on pages and keeps every violation of impact serious or critical, named by page.</summary>
public sealed class AccessibilityRecord
{
    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    private readonly List<string> violations = [];
    private readonly List<string> checkedPages = [];

    public IReadOnlyList<string> Violations => violations;

    public IReadOnlyList<string> CheckedPages => checkedPages;

    public async Task CheckAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        checkedPages.Add(name);
        foreach (var violation in result.Violations.Where(v => v.Impact is not null && Blocking.Contains(v.Impact)))
        {
            violations.Add($"{name}: {violation.Id} ({violation.Impact}) {violation.Help} — {string.Join(" | ", violation.Nodes.Select(Describe))}");
        }
    }

    private static string Describe(AxeResultNode node) => node.Html ?? string.Empty;
}
