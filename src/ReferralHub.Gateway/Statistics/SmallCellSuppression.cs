namespace ReferralHub.Gateway.Statistics;

/// <summary>
/// Decides which counts of a table may be published. A table is a list of counts and the <b>lines</b> that tie them:
/// each line is a set of counts one of which is the sum of the others (a row with its total, a column with its total,
/// the row totals with the grand total). Knowing all but one count of a line gives the last one away.
/// </summary>
/// <remarks>
/// <para><b>Primary suppression:</b> a count from 1 to <c>threshold - 1</c> is suppressed; it could point at a person.
/// Zero is published: a structural zero says that nobody is there, which names nobody.</para>
/// <para><b>Complementary suppression:</b> a line with exactly one suppressed count would let it be recomputed by
/// subtraction, so the line's smallest published positive count is suppressed too (smallest, to lose the least
/// information). That can leave another line with a single suppressed count, so this repeats until no line has exactly
/// one. Every line then has either no suppressed count or at least two.</para>
/// </remarks>
public static class SmallCellSuppression
{
    /// <returns>For each count, whether it is suppressed.</returns>
    public static bool[] Suppress(IReadOnlyList<int> counts, IReadOnlyList<IReadOnlyList<int>> lines, int threshold)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var suppressed = counts.Select(count => IsSmall(count, threshold)).ToArray();
        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                if (line.Count(i => suppressed[i]) != 1)
                {
                    continue;
                }

                var partner = line.Where(i => !suppressed[i] && counts[i] > 0).OrderBy(i => counts[i]).ThenBy(i => i).Cast<int?>().FirstOrDefault();
                if (partner is { } index)
                {
                    suppressed[index] = true;
                    changed = true;
                }
            }
        }
        while (changed);
        return suppressed;
    }

    /// <summary>A count that could point at a person: more than nobody, fewer than the threshold.</summary>
    public static bool IsSmall(int count, int threshold) => count > 0 && count < threshold;
}
