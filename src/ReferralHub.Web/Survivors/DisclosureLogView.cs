namespace ReferralHub.Web.Survivors;

/// <summary>The disclosure log partial's model: the entries and the organisations' names.</summary>
public sealed record DisclosureLogView(IReadOnlyList<DisclosureEntry> Entries, IReadOnlyDictionary<string, string> Organizations);
