using Hl7.Fhir.Model;
using ReferralHub.Gateway.Fhir;
using Hl7.Fhir.Specification.Source;
using ReferralHub.Gateway.Validation;
using Task = System.Threading.Tasks.Task;

namespace ReferralHub.Gateway.Tests;

/// <summary>
/// The hub's index of the core R4 definitions against Firely's own source over the same specification.zip: the same
/// definitions, found by the same addresses, read to the same resources.
/// </summary>
public sealed class CoreSpecificationTests
{
    private static readonly ZipSource Firely = ZipSource.CreateValidationSource();
    private static readonly CoreSpecification Index = CoreSpecification.Shared;

    [Fact]
    public async Task The_index_holds_every_canonical_definition_Firely_lists_and_finds_entries_by_their_address()
    {
        var summaries = Firely.ListSummaries().Where(summary => summary.IsBundleEntry).ToList();
        var canonicals = summaries.Select(summary => summary.GetConformanceCanonicalUrl()).OfType<string>().ToList();

        Assert.True(canonicals.Count > 4000, $"Firely lists {canonicals.Count} canonical definitions: not the core specification?");
        Assert.Equal(canonicals.Order(StringComparer.Ordinal), Index.CanonicalUrls.Order(StringComparer.Ordinal));
        foreach (var summary in summaries.Where((_, i) => i % 97 == 0))
        {
            Assert.Equal(summary.ResourceTypeName, (await Index.ResolveByUriAsync(summary.Position!))?.TypeName);
        }
    }

    [Fact]
    public async Task Each_datatype_and_the_first_and_last_entry_of_every_file_read_as_Firely_reads_them()
    {
        var summaries = Firely.ListSummaries().Where(summary => summary.IsBundleEntry).ToList();
        var compared = summaries.Where(summary => Path.GetFileName(summary.Origin) == "profiles-types.xml")
            .Concat(summaries.GroupBy(summary => summary.Origin).SelectMany(file => new[] { file.First(), file.Last() }))
            .DistinctBy(summary => summary.Position)
            .ToList();

        foreach (var summary in compared)
        {
            var expected = Firely.LoadBySummary(summary);
            var actual = await Index.ResolveByUriAsync(summary.Position!);

            Assert.NotNull(expected);
            Assert.NotNull(actual);
            // Firely's source writes an instant in its shortest form (no ".000"): the same instant.
            Assert.Equal(expected.Meta?.LastUpdated, actual.Meta?.LastUpdated);
            (expected.Meta ?? new()).LastUpdatedElement = (actual.Meta ?? new()).LastUpdatedElement = null;
            Assert.True(expected.IsExactly(actual), $"{summary.Position} ({Path.GetFileName(summary.Origin)}) reads differently from Firely's source:\n{FirstDifference(expected, actual)}");
        }
    }

    private static string FirstDifference(Resource expected, Resource actual)
    {
        var (firely, index) = (FhirJson.Serialize(expected), FhirJson.Serialize(actual));
        var at = firely.Zip(index).TakeWhile(pair => pair.First == pair.Second).Count();
        return $"Firely: …{firely[Math.Max(0, at - 200)..Math.Min(firely.Length, at + 200)]}…\nindex:  …{index[Math.Max(0, at - 200)..Math.Min(index.Length, at + 200)]}…";
    }

    [Fact]
    public async Task A_canonical_url_is_found_with_its_version_and_not_with_another()
    {
        const string Patient = "http://hl7.org/fhir/StructureDefinition/Patient";

        Assert.IsType<StructureDefinition>(await Index.ResolveByCanonicalUriAsync(Patient));
        Assert.IsType<StructureDefinition>(await Index.ResolveByCanonicalUriAsync($"{Patient}|4.0.1"));
        Assert.Null(await Index.ResolveByCanonicalUriAsync($"{Patient}|3.0.2"));
        Assert.Null(await Index.ResolveByCanonicalUriAsync("http://hl7.org/fhir/StructureDefinition/ShoeSize"));
    }
}
