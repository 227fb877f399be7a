namespace ReferralHub.EndToEnd.Tests.AmqpChannel;

/// <summary>
/// The classes whose hubs open, reset and close agencies' AMQP channels on the one test broker, one at a time. Each hub
/// has a virtual host of its own, but a broker user belongs to the whole broker: side by side, one class's reset or
/// close of agency-ngo-ng-edo changes the password or removes the user the other class's agency is logging in with.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AgencyBrokerUsers
{
    public const string Name = "agency broker users";
}
