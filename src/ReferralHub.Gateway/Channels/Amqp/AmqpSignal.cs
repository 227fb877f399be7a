namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>Wakes the AMQP publisher when deliveries were committed.</summary>
public sealed class AmqpSignal : ChannelSignal;
