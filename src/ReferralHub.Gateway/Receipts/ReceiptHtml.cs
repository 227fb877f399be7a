using System.Globalization;
using System.Text;

namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// The receipt as one printable, accessible HTML page: language declared, headings in order, tables with headers, CSS
/// inline for screen and print, no script and nothing fetched from elsewhere. Written as well-formed XML, so that it
/// can be read back by machines too; data-* attributes carry the codes behind the words.
/// </summary>
public static class ReceiptHtml
{
    private const string Style = """
        :root { color: #111; background: #fff; }
        body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; margin: 0; }
        main { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 0.75rem; }
        h2 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; border-bottom: 1px solid #999; padding-bottom: 0.2rem; }
        h3 { font-size: 1.05rem; margin: 1.25rem 0 0.25rem; }
        .status { font-weight: bold; border: 2px solid #111; padding: 0.6rem 0.8rem; background: #f2f2f2; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
        th, td { border: 1px solid #999; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
        thead th { background: #eee; }
        table.classes { table-layout: fixed; }
        table.classes th:nth-child(1) { width: 28%; }
        table.classes th:nth-child(3) { width: 20%; }
        th[scope="row"] { width: 38%; background: #f7f7f7; }
        tr.sensitive td:last-child { font-weight: bold; }
        .grant { break-inside: avoid; page-break-inside: avoid; }
        @page { size: A4; margin: 18mm; }
        @media print {
          main { max-width: none; padding: 0; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          tr { break-inside: avoid; page-break-inside: avoid; }
        }
        """;

    public static string Render(ReceiptDocument receipt)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n")
            .Append(CultureInfo.InvariantCulture, $"<html lang=\"{Escape(receipt.Language)}\">\n<head>\n")
            .Append("<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{Escape(receipt.Title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n<main>\n");
        var sectionOpen = false;
        var grantNumber = 0;
        foreach (var block in receipt.Blocks)
        {
            if (block is ReceiptHeading { Level: 2 })
            {
                html.Append(sectionOpen ? "</section>\n" : "").Append("<section>\n");
                sectionOpen = true;
            }

            Render(html, block, ref grantNumber);
        }

        html.Append(sectionOpen ? "</section>\n" : "").Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Render(StringBuilder html, ReceiptBlock block, ref int grantNumber)
    {
        switch (block)
        {
            case ReceiptHeading heading:
                html.Append(CultureInfo.InvariantCulture, $"<h{heading.Level}>{Escape(heading.Text)}</h{heading.Level}>\n");
                break;
            case ReceiptParagraph { Prominent: true } paragraph:
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"status\">{Escape(paragraph.Text)}</p>\n");
                break;
            case ReceiptParagraph paragraph:
                html.Append(CultureInfo.InvariantCulture, $"<p>{Escape(paragraph.Text)}</p>\n");
                break;
            case ReceiptFactTable table:
                html.Append("<table class=\"facts\">\n<tbody>\n");
                foreach (var fact in table.Rows)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Escape(fact.Label)}</th><td>{Escape(fact.Value)}</td></tr>\n");
                }

                html.Append("</tbody>\n</table>\n");
                break;
            case ReceiptClassTable table:
                html.Append(CultureInfo.InvariantCulture, $"<table class=\"classes\">\n<caption>{Escape(table.Caption)}</caption>\n<thead>\n<tr>");
                foreach (var header in table.Headers)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{Escape(header)}</th>");
                }

                html.Append("</tr>\n</thead>\n<tbody>\n");
                foreach (var row in table.Rows)
                {
                    var rowClass = row.Sensitive ? " class=\"sensitive\"" : "";
                    html.Append(CultureInfo.InvariantCulture, $"<tr data-class=\"{Escape(row.Code)}\"{rowClass}><td>{Escape(row.Name)}</td><td>{Escape(row.Meaning)}</td><td>{Escape(row.SensitivityText)}</td></tr>\n");
                }

                html.Append("</tbody>\n</table>\n");
                break;
            case ReceiptList list:
                html.Append("<ul>\n");
                foreach (var item in list.Items)
                {
                    var code = item.Code is null ? "" : $" data-class=\"{Escape(item.Code)}\"";
                    html.Append(CultureInfo.InvariantCulture, $"<li{code}>{Escape(item.Text)}</li>\n");
                }

                html.Append("</ul>\n");
                break;
            case ReceiptGrantSection section:
                grantNumber++;
                html.Append(CultureInfo.InvariantCulture, $"<section class=\"grant\" aria-labelledby=\"grant-{grantNumber}\" data-recipient=\"{Escape(section.RecipientOrganizationId)}\" data-purpose=\"{Escape(section.Purpose)}\">\n");
                foreach (var nested in section.Blocks)
                {
                    if (nested is ReceiptHeading heading)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<h{heading.Level} id=\"grant-{grantNumber}\">{Escape(heading.Text)}</h{heading.Level}>\n");
                        continue;
                    }

                    Render(html, nested, ref grantNumber);
                }

                html.Append("</section>\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "A receipt block the page cannot render.");
        }
    }

    /// <summary>Escapes the five XML special characters and nothing else: accented letters stay as written (UTF-8).</summary>
    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
