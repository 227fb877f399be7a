namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// A row whose <see cref="Json"/> may hold a survivor's data: <see cref="SealedColumns"/> stores it encrypted and hands
/// it back in clear, so no code that reads or writes the row changes. It is encrypted under the data key of the
/// survivor the row names where its kind says which column names her (<see cref="SurvivorSealing"/>), otherwise under
/// the key-encryption key.
/// </summary>
public interface ISealedAtRest
{
    string Json { get; set; }
}
