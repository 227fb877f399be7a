using ReferralHub.Profiles;

// Regenerates the snapshots of the hub's profiles from their differentials:
//   dotnet run --project tools/ReferralHub.Profiles                  rewrites contracts/fhir/StructureDefinition-*.json
//   dotnet run --project tools/ReferralHub.Profiles -- --check       exits 1 if a checked-in snapshot is out of date
// An optional last argument names the folder (default: contracts/fhir under the current directory).
var check = args.Contains("--check");
var folder = args.LastOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine("contracts", "fhir");
var files = Directory.Exists(folder) ? ProfileFiles.In(folder) : [];
if (files.Count == 0)
{
    await Console.Error.WriteLineAsync($"No {ProfileFiles.Pattern} in '{Path.GetFullPath(folder)}'. Run from the repository root or name the folder.");
    return 2;
}

var snapshots = new ProfileSnapshots();
var drifted = 0;
foreach (var file in files)
{
    var profile = ProfileFiles.Parse(await File.ReadAllTextAsync(file));
    if (check)
    {
        var drift = await snapshots.DriftAsync(profile);
        drifted += drift.Count == 0 ? 0 : 1;
        Console.WriteLine(drift.Count == 0 ? $"up to date: {file}" : $"OUT OF DATE: {file}: {string.Join("; ", drift)}");
        continue;
    }

    var snapshot = await snapshots.GenerateAsync(profile);
    profile.Snapshot = snapshot;
    await File.WriteAllTextAsync(file, ProfileFiles.Format(profile));
    Console.WriteLine($"regenerated: {file} ({snapshot.Element.Count} snapshot elements)");
}

return drifted == 0 ? 0 : 1;
