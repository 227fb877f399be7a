using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Snapshot;
using Hl7.Fhir.Specification.Source;

namespace ReferralHub.Profiles;

/// <summary>
/// Generates the snapshot of a hub profile from its differential with Firely's SnapshotGenerator, over the core R4
/// definitions. Snapshots are never written by hand: this is the one way they are made and checked.
/// </summary>
public sealed class ProfileSnapshots
{
    private static readonly FhirJsonSerializer Serializer = new();

    private readonly IAsyncResourceResolver coreDefinitions = new CachedResolver(ZipSource.CreateValidationSource());

    /// <summary>The snapshot the profile's differential generates.</summary>
    public async Task<StructureDefinition.SnapshotComponent> GenerateAsync(StructureDefinition profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        // One generator per profile: a generator keeps per-run state (its recursion stack and outcome).
        var generator = new SnapshotGenerator(coreDefinitions, SnapshotGeneratorSettings.CreateDefault());
        var elements = await generator.GenerateAsync((StructureDefinition)profile.DeepCopy());
        var errors = generator.Outcome?.Issue
            .Where(issue => issue.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(issue => $"{string.Join(",", issue.Location)}: {issue.Details?.Text ?? issue.Diagnostics}")
            .ToList() ?? [];
        return errors.Count == 0
            ? new StructureDefinition.SnapshotComponent { Element = elements }
            : throw new InvalidOperationException($"The snapshot of {profile.Url} cannot be generated: {string.Join("; ", errors)}");
    }

    /// <summary>
    /// Where the profile's snapshot differs from the one generated from its differential, element by element;
    /// empty when they are the same.
    /// </summary>
    public async Task<IReadOnlyList<string>> DriftAsync(StructureDefinition profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Snapshot is null)
        {
            return ["it has no snapshot"];
        }

        var expected = (await GenerateAsync(profile)).Element;
        var actual = profile.Snapshot.Element;
        var drift = new List<string>();
        if (actual.Count != expected.Count)
        {
            drift.Add($"the snapshot has {actual.Count} elements, the differential generates {expected.Count}");
        }

        drift.AddRange(actual.Zip(expected)
            .Where(pair => Json(pair.First) != Json(pair.Second))
            .Select(pair => $"element {pair.Second.ElementId ?? pair.Second.Path} differs"));
        return drift;
    }

    private static string Json(Base element) => Serializer.SerializeToString(element);
}
