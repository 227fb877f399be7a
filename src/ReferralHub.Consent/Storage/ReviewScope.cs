using ReferralHub.Contracts.Messages;

namespace ReferralHub.Consent.Storage;

/// <summary>
/// Which of the survivor's disclosures a newly recorded consent version may change, and so must be reviewed: none (she
/// is new, nothing of hers was disclosed before it), or all but those <see cref="AlreadyDecided"/> on this version.
/// </summary>
public sealed record ReviewScope(bool Nothing, IReadOnlyList<string> AlreadyDecided)
{
    public static ReviewScope Everything { get; } = new(false, []);

    public static ReviewScope Of(ConsentRecorded message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ReviewScope(message.SurvivorIsNew, message.DecidedTasks ?? []);
    }
}
