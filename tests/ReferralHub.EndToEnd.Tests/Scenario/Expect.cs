using Xunit.Sdk;

namespace ReferralHub.EndToEnd.Tests.Scenario;

/// <summary>Assertions with messages that say what the contract requires.</summary>
public static class Expect
{
    public static void That(bool condition, string requirement, string? observed = null)
    {
        if (!condition)
        {
            throw new XunitException(observed is null ? requirement : $"{requirement}\nObserved: {observed}");
        }
    }

    public static T NotNull<T>(T? value, string requirement)
        where T : class =>
        value ?? throw new XunitException(requirement);

    /// <summary>None of <paramref name="forbidden"/> appears in <paramref name="text"/>.</summary>
    public static void NoneIn(string text, IEnumerable<string> forbidden, string requirement)
    {
        var found = forbidden.Where(value => text.Contains(value, StringComparison.OrdinalIgnoreCase)).ToArray();
        That(found.Length == 0, requirement, $"found {string.Join(", ", found)}");
    }

    /// <summary>Everything an OperationOutcome says, for checking its wording.</summary>
    public static string TextOf(OperationOutcome outcome) =>
        string.Join(" | ", outcome.Issue.SelectMany(issue => new[] { issue.Diagnostics, issue.Details?.Text }
            .Concat(issue.Details?.Coding.Select(coding => coding.Display) ?? [])).Append(outcome.Text?.Div)
            .Where(text => !string.IsNullOrEmpty(text)));

    /// <summary>Runs one numbered step, prefixing any failure with the step's name.</summary>
    public static async Task StepAsync(string name, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception failure)
        {
            throw new XunitException($"Step «{name}» failed: {failure.Message}", failure);
        }
    }
}
