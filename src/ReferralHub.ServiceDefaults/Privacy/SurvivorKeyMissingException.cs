namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// A row of a survivor's data was to be sealed or opened, and she has no data key: she was erased (her rows are then
/// unreadable by design), or the key was never made, which the Gateway does with her Patient.
/// </summary>
public sealed class SurvivorKeyMissingException(string patientId)
    : InvalidOperationException($"Survivor {patientId} has no data key: she was erased, or her key was never made.")
{
    public string PatientId { get; } = patientId;
}
