using System.Globalization;

namespace ReferralHub.DirectoryTool;

/// <summary>
/// A <c>[#####-----] 12/40</c> line. On a terminal it is redrawn in place (carriage return); redirected, each step is
/// its own line so logs stay readable.
/// </summary>
public sealed class ProgressBar(TextWriter writer, bool interactive, int width = 30)
{
    public void Show(int done, int total, string label)
    {
        var filled = total == 0 ? width : (int)((long)done * width / total);
        var line = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('-', width - filled)}] {done}/{total} {label}");
        if (interactive)
        {
            // Padding clears what a longer previous label left behind.
            writer.Write($"\r{line,-80}");
            if (done == total)
            {
                writer.WriteLine();
            }
        }
        else
        {
            writer.WriteLine(line);
        }

        writer.Flush();
    }
}
