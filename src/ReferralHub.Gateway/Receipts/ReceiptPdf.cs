using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ReferralHub.Gateway.Receipts;

/// <summary>The receipt as an A4 PDF, with DejaVu Sans embedded so that accented letters print as written.</summary>
public static class ReceiptPdf
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public static byte[] Render(ReceiptDocument receipt)
    {
        ReceiptFontResolver.EnsureRegistered();
        var fonts = new Fonts();
        using var document = new PdfDocument();
        document.Info.Title = receipt.Title;
        document.Info.Creator = "ReferralHub";
        document.Language = receipt.Language;
        using (var flow = new PdfFlow(document))
        {
            foreach (var block in receipt.Blocks)
            {
                Render(flow, block, fonts);
            }

            flow.NumberPages(fonts.Small);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void Render(PdfFlow flow, ReceiptBlock block, Fonts fonts)
    {
        switch (block)
        {
            case ReceiptHeading heading:
                var font = heading.Level switch { 1 => fonts.Title, 2 => fonts.Section, _ => fonts.Subsection };
                flow.Space(heading.Level == 1 ? 0 : 10);
                // A heading is never left alone at the foot of a page.
                flow.KeepTogether(flow.LineHeight(font) + (3 * flow.LineHeight(fonts.Body)));
                flow.Text(heading.Text, font);
                flow.Space(4);
                break;
            case ReceiptParagraph { Prominent: true } paragraph:
                flow.Band(paragraph.Text, fonts.BodyBold);
                flow.Space(6);
                break;
            case ReceiptParagraph paragraph:
                flow.Text(paragraph.Text, fonts.Body);
                flow.Space(5);
                break;
            case ReceiptFactTable table:
                double[] factColumns = [flow.Width * 0.38, flow.Width * 0.62];
                foreach (var fact in table.Rows)
                {
                    flow.Row([(fact.Label, fonts.SmallBold), (fact.Value, fonts.Small)], factColumns);
                }

                flow.Space(6);
                break;
            case ReceiptClassTable table:
                double[] classColumns = [flow.Width * 0.28, flow.Width * 0.5, flow.Width * 0.22];
                flow.KeepTogether(4 * flow.LineHeight(fonts.Small));
                flow.Text(table.Caption, fonts.SmallBold);
                flow.Row([.. table.Headers.Select(header => (header, fonts.SmallBold))], classColumns);
                foreach (var row in table.Rows)
                {
                    var flag = row.Sensitive ? fonts.SmallBold : fonts.Small;
                    flow.Row([(row.Name, fonts.SmallBold), (row.Meaning, fonts.Small), (row.SensitivityText, flag)], classColumns);
                }

                flow.Space(8);
                break;
            case ReceiptList list:
                foreach (var item in list.Items)
                {
                    flow.Text($"•\u00a0{item.Text}", fonts.Body, indent: 10);
                }

                flow.Space(5);
                break;
            case ReceiptGrantSection section:
                foreach (var nested in section.Blocks)
                {
                    Render(flow, nested, fonts);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "A receipt block the PDF cannot render.");
        }
    }

    private sealed class Fonts
    {
        public XFont Title { get; } = Font(18, bold: true);

        public XFont Section { get; } = Font(13, bold: true);

        public XFont Subsection { get; } = Font(11.5, bold: true);

        public XFont Body { get; } = Font(10, bold: false);

        public XFont BodyBold { get; } = Font(10, bold: true);

        public XFont Small { get; } = Font(9, bold: false);

        public XFont SmallBold { get; } = Font(9, bold: true);

        private static XFont Font(double size, bool bold) =>
            new(ReceiptFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
    }
}
