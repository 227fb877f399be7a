using ReferralHub.Gateway.Channels;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>Wakes the webhook dispatcher when deliveries were committed or redelivered.</summary>
public sealed class WebhookSignal : ChannelSignal;
