namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>A referral the hub answered 2xx to, by the ids it has in the shelter's store.</summary>
public sealed record AcceptedReferral(string PatientId, string ServiceRequestId);
