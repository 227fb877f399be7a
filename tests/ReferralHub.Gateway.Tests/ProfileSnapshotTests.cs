using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Validation;
using ReferralHub.Profiles;

namespace ReferralHub.Gateway.Tests;

/// <summary>
/// The snapshots checked in with the profiles are the ones Firely's SnapshotGenerator makes from their differentials,
/// so they never drift. When one fails: <c>dotnet run --project tools/ReferralHub.Profiles</c> regenerates them.
/// </summary>
public sealed class ProfileSnapshotTests
{
    private static readonly ProfileSnapshots Snapshots = new();

    private static readonly IReadOnlyList<string> ProfileNames =
        [.. CodeSystemLoader.ShippedResourceNames().Where(name => name.StartsWith("StructureDefinition-", StringComparison.Ordinal))];

    public static TheoryData<string> ShippedProfiles => [.. ProfileNames];

    [Theory]
    [MemberData(nameof(ShippedProfiles))]
    public async System.Threading.Tasks.Task Each_profile_has_a_snapshot_equal_to_the_one_its_differential_generates(string name)
    {
        var profile = Load(name);

        var drift = await Snapshots.DriftAsync(profile);

        Assert.NotEmpty(profile.Differential?.Element ?? []);
        Assert.True(drift.Count == 0, $"{name}: {string.Join("; ", drift)}. Regenerate: dotnet run --project tools/ReferralHub.Profiles");
    }

    [Fact]
    public async System.Threading.Tasks.Task A_snapshot_changed_by_hand_is_reported_as_drift()
    {
        var profile = Load("StructureDefinition-referralhub-consent");
        profile.Snapshot!.Element.Single(element => element.ElementId == "Consent.patient").Min = 0;

        var drift = await Snapshots.DriftAsync(profile);

        Assert.Equal(["element Consent.patient differs"], drift);
    }

    [Theory]
    [InlineData(HubProfiles.Consent, "Consent")]
    [InlineData(HubProfiles.ReferralServiceRequest, "ServiceRequest")]
    [InlineData(HubProfiles.ReferralTask, "Task")]
    [InlineData(HubProfiles.FollowUpTask, "Task")]
    [InlineData(HubProfiles.Communication, "Communication")]
    public void The_hub_ships_the_profile_of_each_resource_it_validates(string url, string type)
    {
        var profile = Assert.Single(ProfileNames, name => Load(name).Url == url);

        Assert.Equal(type, Load(profile).Type);
        Assert.Contains(url, HubProfiles.Supported(type));
    }

    private static StructureDefinition Load(string name) => ProfileFiles.Parse(CodeSystemLoader.ReadJson(name));
}
