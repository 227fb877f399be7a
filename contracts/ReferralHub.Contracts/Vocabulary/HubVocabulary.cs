namespace ReferralHub.Contracts.Vocabulary;

/// <summary>The hub's vocabulary (DESIGN §7), loaded from the CodeSystems in <c>contracts/fhir/</c>.</summary>
public static class HubVocabulary
{
    public const string CanonicalBase = "http://referralhub.org/fhir";

    public static HubCodeSystem Services { get; } = CodeSystemLoader.Load("reintegration-service");

    public static HubCodeSystem DataClasses { get; } = CodeSystemLoader.Load("data-class");

    public static HubCodeSystem Purposes { get; } = CodeSystemLoader.Load("purpose");

    public static HubCodeSystem MessageEvents { get; } = CodeSystemLoader.Load("message-event");

    /// <summary>Task.businessStatus: the finer steps at the receiving organisation.</summary>
    public static HubCodeSystem ReferralSteps { get; } = CodeSystemLoader.Load("referral-step");

    /// <summary>Task.statusReason when the recipient declines or cannot carry out a referral.</summary>
    public static HubCodeSystem DeclineReasons { get; } = CodeSystemLoader.Load("decline-reason");

    /// <summary>Why the custodian erased a survivor (<c>Patient/$erase</c>).</summary>
    public static HubCodeSystem ErasureReasons { get; } = CodeSystemLoader.Load("erasure-reason");

    /// <summary>The type of a Task.output: what the referral achieved, for programme reporting.</summary>
    public static HubCodeSystem ReferralOutcomes { get; } = CodeSystemLoader.Load("referral-outcome");

    /// <summary>Task.code of the Tasks the API creates besides referral Tasks: <c>follow-up</c>.</summary>
    public static HubCodeSystem TaskCodes { get; } = CodeSystemLoader.Load("task-code");

    /// <summary>What a verification of the audit log reports (<c>$verify-audit</c>, docs/audit.md).</summary>
    public static HubCodeSystem AuditFindings { get; } = CodeSystemLoader.Load("audit-finding");

    /// <summary>Whether a directory service takes referrals (the codes of <c>Messages.DirectoryCapacity</c>).</summary>
    public static HubCodeSystem Capacities { get; } = CodeSystemLoader.Load("capacity");
}
