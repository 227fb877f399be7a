namespace ReferralHub.Web.Inbox;

/// <summary>One fact of the survivor on the recipient's page: its label, and its value when it was shared.</summary>
public sealed record SharedFact(string LabelKey, string? Value);
