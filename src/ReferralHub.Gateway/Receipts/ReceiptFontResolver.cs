using PdfSharp.Fonts;

namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// Gives PDFsharp the DejaVu Sans font from the machine. PDFsharp 6.2's Core build resolves no font by itself outside
/// Windows, so it needs an <see cref="IFontResolver"/>. DejaVu Sans covers every accented letter of Italian and French
/// and is installed with Debian's fonts-dejavu-core (on the .NET SDK machines and installed by CI); its licence lets
/// PDFsharp embed it in each receipt.
/// </summary>
public sealed class ReceiptFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    /// <summary>Where Debian (and derivatives) and Fedora install the DejaVu fonts.</summary>
    private static readonly string[] Directories = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/dejavu"];

    private static readonly Lazy<ReceiptFontResolver> Shared = new(() => new ReceiptFontResolver());

    private static readonly Lock RegistrationLock = new();

    private ReceiptFontResolver()
    {
    }

    /// <summary>
    /// Registers the resolver once per process: PDFsharp keeps it in a static and must be handed the same instance
    /// every time (several hubs may run in one test process).
    /// </summary>
    public static void EnsureRegistered()
    {
        lock (RegistrationLock)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Shared.Value))
            {
                GlobalFontSettings.FontResolver = Shared.Value;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic)
            : null;

    public byte[]? GetFont(string faceName)
    {
        var file = Directories.Select(directory => Path.Combine(directory, $"{faceName}.ttf")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The font {faceName}.ttf for PDF receipts was not found in {string.Join(", ", Directories)}: install the fonts-dejavu-core package.");
        return File.ReadAllBytes(file);
    }
}
