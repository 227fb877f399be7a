namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// A row whose <see cref="Json"/> may hold a survivor's data: <see cref="SealedColumns"/> stores it encrypted under the
/// key-encryption key and hands it back in clear, so no code that reads or writes the row changes.
/// </summary>
public interface ISealedAtRest
{
    string Json { get; set; }
}
