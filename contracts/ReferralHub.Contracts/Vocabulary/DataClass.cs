namespace ReferralHub.Contracts.Vocabulary;

/// <summary>Codes of the data-class CodeSystem the code refers to by name; the CodeSystem stays the definition.</summary>
public static class DataClass
{
    public const string Referral = "referral";
    public const string Name = "name";
    public const string BirthDate = "birth-date";
    public const string BirthYear = "birth-year";
    public const string Gender = "gender";
    public const string Contact = "contact";
    public const string Language = "language";
    public const string Nationality = "nationality";
    public const string IdentityDocuments = "identity-documents";
    public const string Family = "family";
    public const string Needs = "needs";
    public const string CaseNotes = "case-notes";
    public const string Education = "education";
    public const string Employment = "employment";
    public const string Health = "health";
    public const string Exploitation = "exploitation";

    /// <summary>Classes that are whole Observations, recognised by their category coding.</summary>
    public static IReadOnlyList<string> ObservationCategories { get; } = [Education, Employment, Health, Exploitation];
}

public static class Purpose
{
    public const string ReintegrationAssistance = "reintegration-assistance";
    public const string FollowUpMonitoring = "follow-up-monitoring";
    public const string Statistics = "statistics";
}

public static class MessageEvent
{
    public const string ReferralRequest = "referral-request";
    public const string TaskStatusChanged = "task-status-changed";
    public const string ConsentWithdrawn = "consent-withdrawn";
    public const string FollowUpDue = "follow-up-due";
    public const string ChannelChanged = "channel-changed";
    public const string SurvivorErased = "survivor-erased";
}

/// <summary>Codes of the erasure-reason CodeSystem that the hub itself gives (<see cref="HubVocabulary.ErasureReasons"/>).</summary>
public static class ErasureReason
{
    /// <summary>Housekeeping erased a survivor whose case stayed closed for longer than the retention period.</summary>
    public const string RetentionEnded = "retention-ended";
}

/// <summary>Codes of the task-code CodeSystem (<see cref="HubVocabulary.TaskCodes"/>).</summary>
public static class TaskCode
{
    public const string FollowUp = "follow-up";
}
