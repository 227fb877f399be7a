namespace ReferralHub.Gateway.Signing;

/// <summary>What the hub found on a message an organisation sent it: no signature, or one that verified with a registered key.</summary>
public sealed record ReceivedSignature(ReceivedSignatureStatus Status, string? KeyId)
{
    public static readonly ReceivedSignature Unsigned = new(ReceivedSignatureStatus.Unsigned, null);

    public static ReceivedSignature VerifiedBy(string keyId) => new(ReceivedSignatureStatus.Verified, keyId);

    /// <summary>The code the audit records: <c>verified</c> or <c>unsigned</c> (an invalid signature is refused, not recorded).</summary>
    public string Code => Status == ReceivedSignatureStatus.Verified ? "verified" : "unsigned";
}

public enum ReceivedSignatureStatus
{
    Unsigned,
    Verified,
}
