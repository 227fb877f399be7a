using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// Text flowing down A4 pages: word wrapping, simple table rows and page breaks — the little layout PDFsharp (without
/// MigraDoc) leaves to its users.
/// </summary>
internal sealed class PdfFlow(PdfDocument document) : IDisposable
{
    public const double Margin = 50;

    private static readonly XPen RulePen = new(XColors.Gray, 0.5);

    private XGraphics? graphics;
    private PdfPage? page;
    private double y;

    public double Left => Margin;

    public double Width => (page?.Width.Point ?? 595) - (2 * Margin);

    private XGraphics Graphics => graphics ?? NewPage();

    private double Bottom => page!.Height.Point - Margin;

    public void Space(double points)
    {
        _ = Graphics;
        y += points;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public void KeepTogether(double height)
    {
        _ = Graphics;
        if (y + height > Bottom && y > Margin)
        {
            NewPage();
        }
    }

    public double LineHeight(XFont font) => font.GetHeight();

    /// <summary>Wrapped text; a long paragraph continues on the next page.</summary>
    public void Text(string text, XFont font, double indent = 0)
    {
        foreach (var line in Wrap(text, font, Width - indent))
        {
            KeepTogether(LineHeight(font));
            Graphics.DrawString(line, font, XBrushes.Black, Left + indent, y, XStringFormats.TopLeft);
            y += LineHeight(font);
        }
    }

    /// <summary>Text on a light band, so that it stands out in print too.</summary>
    public void Band(string text, XFont font)
    {
        const double padding = 6;
        var lines = Wrap(text, font, Width - (2 * padding));
        var height = (lines.Count * LineHeight(font)) + (2 * padding);
        KeepTogether(height);
        Graphics.DrawRectangle(XBrushes.WhiteSmoke, Left, y, Width, height);
        Graphics.DrawRectangle(RulePen, Left, y, Width, height);
        var lineTop = y + padding;
        foreach (var line in lines)
        {
            Graphics.DrawString(line, font, XBrushes.Black, Left + padding, lineTop, XStringFormats.TopLeft);
            lineTop += LineHeight(font);
        }

        y += height;
    }

    /// <summary>One table row: each cell wrapped in its column, the row kept on one page, a rule under it.</summary>
    public void Row(IReadOnlyList<(string Text, XFont Font)> cells, IReadOnlyList<double> columnWidths)
    {
        const double padding = 3;
        var wrapped = cells.Select((cell, index) => Wrap(cell.Text, cell.Font, columnWidths[index] - (2 * padding))).ToList();
        var height = wrapped.Select((lines, index) => lines.Count * LineHeight(cells[index].Font)).Max() + (2 * padding);
        KeepTogether(height);
        var x = Left;
        for (var index = 0; index < cells.Count; index++)
        {
            var lineTop = y + padding;
            foreach (var line in wrapped[index])
            {
                Graphics.DrawString(line, cells[index].Font, XBrushes.Black, x + padding, lineTop, XStringFormats.TopLeft);
                lineTop += LineHeight(cells[index].Font);
            }

            x += columnWidths[index];
        }

        y += height;
        Graphics.DrawLine(RulePen, Left, y, Left + columnWidths.Sum(), y);
    }

    /// <summary>Writes "page / pages" at the foot of every page, once all pages exist.</summary>
    public void NumberPages(XFont font)
    {
        graphics?.Dispose();
        graphics = null;
        for (var index = 0; index < document.PageCount; index++)
        {
            var numbered = document.Pages[index];
            using var foot = XGraphics.FromPdfPage(numbered, XGraphicsPdfPageOptions.Append);
            var text = $"{index + 1} / {document.PageCount}";
            foot.DrawString(text, font, XBrushes.Gray, new XRect(0, numbered.Height.Point - (Margin / 2) - LineHeight(font), numbered.Width.Point, LineHeight(font)), XStringFormats.Center);
        }
    }

    public void Dispose() => graphics?.Dispose();

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.ReplaceLineEndings(" ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : $"{current} {word}";
            if (Measure(candidate, font) <= width)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            current = word;
            // A word wider than the column (an id, say) is broken where it must be.
            while (Measure(current, font) > width && current.Length > 1)
            {
                var fits = Enumerable.Range(1, current.Length - 1).Last(length => length == 1 || Measure(current[..length], font) <= width);
                lines.Add(current[..fits]);
                current = current[fits..];
            }
        }

        if (current.Length > 0 || lines.Count == 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    private double Measure(string text, XFont font) => Graphics.MeasureString(text, font).Width;

    private XGraphics NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
        return graphics;
    }
}
