namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The property test keeps both cores busy for minutes: it runs after the classes that wait mostly on HTTP and the
/// broker, beside those of <see cref="AfterTheOthers"/>, which mostly wait on their own clocks and processes.
/// </summary>
[CollectionDefinition(Name)]
[RunsAfterTheOthers]
public sealed class PropertyTestLast
{
    public const string Name = "the property test";
}
