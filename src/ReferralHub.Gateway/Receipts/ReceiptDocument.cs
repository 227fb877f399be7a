namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// A receipt already worded in one language, as a short list of blocks that both the HTML page and the PDF render,
/// so the two always say the same thing.
/// </summary>
public sealed record ReceiptDocument(string Language, string Title, IReadOnlyList<ReceiptBlock> Blocks);

public abstract record ReceiptBlock;

/// <param name="Level">1 for the title, 2 for a section, 3 for a grant.</param>
public sealed record ReceiptHeading(int Level, string Text) : ReceiptBlock;

/// <param name="Prominent">The consent's status: shown so that it cannot be missed.</param>
public sealed record ReceiptParagraph(string Text, bool Prominent = false) : ReceiptBlock;

/// <summary>Labelled facts, one per row (the Kantara receipt fields).</summary>
public sealed record ReceiptFactTable(IReadOnlyList<ReceiptFact> Rows) : ReceiptBlock;

public sealed record ReceiptFact(string Label, string Value);

/// <summary>Data classes with their plain-language meaning and whether they are especially sensitive.</summary>
/// <param name="Headers">Three column headers: the information, its meaning, its sensitivity.</param>
public sealed record ReceiptClassTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<ReceiptClassRow> Rows) : ReceiptBlock;

/// <param name="Code">The data-class code, kept for machine reading of the page.</param>
public sealed record ReceiptClassRow(string Code, string Name, string Meaning, bool Sensitive, string SensitivityText);

public sealed record ReceiptList(IReadOnlyList<ReceiptListItem> Items) : ReceiptBlock;

/// <param name="Code">A data-class code when the item names one.</param>
public sealed record ReceiptListItem(string Text, string? Code = null);

/// <summary>One grant: its blocks, and the recipient and purpose codes it is about (kept for machine reading).</summary>
public sealed record ReceiptGrantSection(string RecipientOrganizationId, string Purpose, IReadOnlyList<ReceiptBlock> Blocks) : ReceiptBlock;
