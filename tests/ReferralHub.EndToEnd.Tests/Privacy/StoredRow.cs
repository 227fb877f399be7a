namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>One row as an operator (or an attacker with a copy of the database) reads it: where it is, and all of its text.</summary>
/// <param name="Place">E.g. <c>routing.outbox_messages (ReferralHub.Contracts.Messages.StoreDisclosure)</c>.</param>
public sealed record StoredRow(string Place, string Text);
