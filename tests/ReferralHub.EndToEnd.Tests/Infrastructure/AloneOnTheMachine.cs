namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The test classes that run after all others, one at a time: those that load the machine's two cores for minutes
/// (the property test) or crash and restart servers (the fault test), and those that race a clock of their own: services
/// held stopped against a consent's end, a webhook retry budget of seconds. The rest of the suite waits mostly on HTTP and the broker, and its classes run side by side.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneOnTheMachine
{
    public const string Name = "alone on the machine";
}
