namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The test classes that run after the rest of the suite, one at a time: those that race a clock of their own
/// (services held stopped against a consent's end, a webhook retry budget of seconds), start eight processes at once
/// (the scale-out test) or crash and restart servers under a paced load (the fault test). Among the suite's other
/// classes, three at a time on two cores, their clocks and readiness timeouts would race a CPU that is never free.
/// Beside them runs only the property test (<see cref="PropertyTestLast"/>), which has no clock to race.
/// </summary>
[CollectionDefinition(Name)]
[RunsAfterTheOthers]
public sealed class AfterTheOthers
{
    public const string Name = "after the others";
}
