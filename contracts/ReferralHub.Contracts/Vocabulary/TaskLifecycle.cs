namespace ReferralHub.Contracts.Vocabulary;

/// <summary>Which side of a referral may move a Task from one status to another (DESIGN §5, after the Gravity SDOH referral Task).</summary>
public enum ReferralSide
{
    Requester,
    Owner,
}

public static class TaskLifecycle
{
    private static readonly Dictionary<(string From, string To), ReferralSide[]> Transitions = Build();

    /// <summary>The statuses a Task never leaves (as a list, so that a database query can use it).</summary>
    public static IReadOnlyList<string> TerminalStatuses { get; } = ["rejected", "completed", "failed", "cancelled", "entered-in-error"];

    private static readonly HashSet<string> Terminal = new(TerminalStatuses, StringComparer.Ordinal);

    public static bool IsTerminal(string status) => Terminal.Contains(status);

    /// <summary>Null when the change is allowed; otherwise the reason it is not.</summary>
    public static string? Check(string from, string to, ReferralSide side)
    {
        if (from == to)
        {
            return null;
        }

        if (!Transitions.TryGetValue((from, to), out var sides))
        {
            return $"A Task cannot move from '{from}' to '{to}'.";
        }

        return sides.Contains(side) ? null : $"Only the {(side == ReferralSide.Owner ? "requester" : "owner")} may move a Task from '{from}' to '{to}'.";
    }

    /// <summary>Statuses that need a <c>statusReason</c>.</summary>
    public static bool RequiresReason(string status) => status is "rejected" or "cancelled" or "failed" or "on-hold";

    private static Dictionary<(string, string), ReferralSide[]> Build()
    {
        var owner = new[] { ReferralSide.Owner };
        var requester = new[] { ReferralSide.Requester };
        var either = new[] { ReferralSide.Owner, ReferralSide.Requester };
        var map = new Dictionary<(string, string), ReferralSide[]>();
        void Allow(string from, string to, ReferralSide[] sides) => map[(from, to)] = sides;

        Allow("requested", "accepted", owner);
        Allow("requested", "rejected", owner);
        Allow("accepted", "in-progress", owner);
        Allow("in-progress", "completed", owner);
        Allow("in-progress", "failed", owner);
        Allow("accepted", "failed", owner);
        foreach (var active in new[] { "accepted", "in-progress" })
        {
            Allow(active, "on-hold", owner);
        }

        Allow("on-hold", "in-progress", owner);
        Allow("on-hold", "accepted", owner);
        foreach (var open in new[] { "requested", "accepted", "in-progress", "on-hold" })
        {
            Allow(open, "cancelled", either);
            Allow(open, "entered-in-error", requester);
        }

        return map;
    }
}
