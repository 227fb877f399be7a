namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// Who may move a follow-up from one status to another: its owner carries it out (<c>requested</c> →
/// <c>in-progress</c> → <c>completed</c>, or <c>failed</c> with a reason); either side of the referral may cancel it
/// with a reason. <c>completed</c>, <c>failed</c> and <c>cancelled</c> are final.
/// </summary>
public static class FollowUpLifecycle
{
    public const string Requested = "requested";

    public const string Cancelled = "cancelled";

    /// <summary>Statuses of a follow-up still to be done: it can be due and overdue.</summary>
    public static readonly IReadOnlyList<string> Open = [Requested, "in-progress"];

    /// <summary>Referral statuses that end the referral without it being carried out: they cancel its open follow-ups.</summary>
    public static readonly IReadOnlyList<string> EndedReferral = ["rejected", "failed", "cancelled", "entered-in-error"];

    public static bool IsOpen(string status) => Open.Contains(status);

    /// <summary>Null when the change is allowed; otherwise the reason it is not.</summary>
    public static string? Check(string from, string to, bool byOwner)
    {
        if (from == to)
        {
            return null;
        }

        if (!IsOpen(from))
        {
            return $"The follow-up is '{from}': it cannot change any more.";
        }

        return to switch
        {
            "in-progress" when from == Requested => byOwner ? null : OwnerOnly(to),
            "completed" or "failed" => byOwner ? null : OwnerOnly(to),
            Cancelled => null,
            _ => $"A follow-up cannot move from '{from}' to '{to}'.",
        };
    }

    /// <summary>Statuses that need a <c>statusReason</c>.</summary>
    public static bool RequiresReason(string status) => status is "failed" or Cancelled;

    private static string OwnerOnly(string status) => $"Only the follow-up's owner may move it to '{status}'.";
}
