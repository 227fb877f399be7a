namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>
/// An agency's webhook handler as docs/webhooks.md tells receivers to write it: verify the signature, refuse stale
/// timestamps, then act once per <c>Bundle.identifier</c> — deliveries are at-least-once.
/// </summary>
public sealed class DeduplicatingReceiver(string secret)
{
    private readonly HashSet<string> seen = [];

    public List<string> Effects { get; } = [];

    public int Rejected { get; private set; }

    public int DuplicatesDropped { get; private set; }

    public void Receive(ReceivedDelivery delivery, DateTimeOffset receivedAt)
    {
        if (!IndependentSignature.Verifies(secret, delivery.Timestamp, delivery.Body, delivery.Signature)
            || !IndependentSignature.IsFresh(delivery.Timestamp, receivedAt))
        {
            Rejected++;
            return;
        }

        var identifier = delivery.Bundle.Identifier?.Value ?? throw new InvalidOperationException("A message Bundle without identifier.");
        if (!seen.Add(identifier))
        {
            DuplicatesDropped++;
            return;
        }

        Effects.Add(identifier);
    }
}
