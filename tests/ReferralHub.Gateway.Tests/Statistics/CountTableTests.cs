using CsCheck;
using ReferralHub.Gateway.Statistics;

namespace ReferralHub.Gateway.Tests.Statistics;

public sealed class CountTableTests
{
    private static readonly StatisticsDimension Service = StatisticsDimension.Named("service")!;
    private static readonly StatisticsDimension Destination = StatisticsDimension.Named("destination")!;

    /// <summary>Counts from 0 to 40, small ones as often as large ones, so that suppression has work to do.</summary>
    private static readonly Gen<int> Count = Gen.Frequency((2, Gen.Const(0)), (3, Gen.Int[1, 10]), (3, Gen.Int[11, 40]));

    /// <summary>A table of services by destination country: its true counts, row by row, and the threshold it is published with.</summary>
    private static readonly Gen<(int[,] Counts, int Threshold)> Tables =
        Gen.Select(Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[2, 15])
            .SelectMany(shape => Count.Array[shape.Item1 * shape.Item2].Select(counts => (ToMatrix(counts, shape.Item1, shape.Item2), shape.Item3)));

    [Fact]
    public void Every_published_count_is_exact_and_none_lies_between_one_and_the_threshold()
    {
        Tables.Sample(sample =>
        {
            var (counts, threshold) = sample;
            var table = CountTable.Of(FactsOf(counts), [Service, Destination], threshold);

            foreach (var row in table.Rows.Where(r => !r.Suppressed))
            {
                Assert.Equal(TrueCount(counts, row.Values[0], row.Values[1]), row.Count);
                Assert.False(row.Count is >= 1 && row.Count < threshold, $"{row.Count} was published under a threshold of {threshold}");
            }

            foreach (var row in table.Rows.Where(r => TrueCount(counts, r.Values[0], r.Values[1]) is var count && count >= 1 && count < threshold))
            {
                Assert.True(row.Suppressed, $"the small count of {string.Join('/', row.Values)} was published");
            }
        });
    }

    [Fact]
    public void No_suppressed_count_can_be_recomputed_from_its_row_or_column_and_their_totals()
    {
        Tables.Sample(sample =>
        {
            var (counts, threshold) = sample;
            var table = CountTable.Of(FactsOf(counts), [Service, Destination], threshold);

            // Each line is a set of counts one of which is the sum of the others: one unknown in it would be given away.
            var lines = table.Rows.SelectMany(r => new[] { ("row", r.Values[0]), ("column", r.Values[1]) }, (row, line) => (line, row))
                .GroupBy(x => x.line, x => x.row);
            foreach (var line in lines)
            {
                var suppressed = line.Count(r => r.Suppressed);
                Assert.True(suppressed is 0 or >= 2, $"the {line.Key.Item1} {line.Key.Item2} has exactly one suppressed count");
            }
        });
    }

    [Fact]
    public void Totals_over_one_dimension_are_exact_and_a_lone_small_count_takes_the_next_smallest_with_it()
    {
        var facts = Facts("health", 3).Concat(Facts("job-placement", 20)).Concat(Facts("vocational-training", 30)).ToList();

        var table = CountTable.Of(facts, [Service], threshold: 11);

        Assert.Equal(
            [(["health"], null), (["job-placement"], null), (["vocational-training"], 30), (["all"], 53)],
            table.Rows.Select(r => (r.Values.ToArray(), r.Count)).ToArray(),
            new RowComparer());
    }

    [Fact]
    public void Zero_is_published_because_it_points_at_nobody()
    {
        var facts = Facts("health", 12).Select(f => f with { Destination = "NG" })
            .Concat(Facts("job-placement", 12).Select(f => f with { Destination = "GH" })).ToList();

        var table = CountTable.Of(facts, [Service, Destination], threshold: 11);

        Assert.Contains(table.Rows, r => r.Values.SequenceEqual(["health", "GH"]) && r.Count == 0);
    }

    private static int[,] ToMatrix(int[] counts, int rows, int columns)
    {
        var matrix = new int[rows, columns];
        for (var i = 0; i < counts.Length; i++)
        {
            matrix[i / columns, i % columns] = counts[i];
        }

        return matrix;
    }

    private static string ServiceAt(int row) => $"service-{row}";

    private static string CountryAt(int column) => $"C{column}";

    private static List<ReferralFact> FactsOf(int[,] counts) =>
        [.. from r in Enumerable.Range(0, counts.GetLength(0))
            from c in Enumerable.Range(0, counts.GetLength(1))
            from fact in Facts(ServiceAt(r), counts[r, c])
            select fact with { Destination = CountryAt(c) }];

    /// <summary>What the table should say of a cell or a total, straight from the counts it was made of.</summary>
    private static int TrueCount(int[,] counts, string service, string country) =>
        (from r in Enumerable.Range(0, counts.GetLength(0))
         from c in Enumerable.Range(0, counts.GetLength(1))
         where (service == StatisticsDimension.All || service == ServiceAt(r)) && (country == StatisticsDimension.All || country == CountryAt(c))
         select counts[r, c]).Sum();

    private static IEnumerable<ReferralFact> Facts(string service, int count) =>
        Enumerable.Repeat(new ReferralFact(service, "IT", "NG", "requested", "2026-11", null), count);

    private sealed class RowComparer : IEqualityComparer<(string[] Values, int? Count)>
    {
        public bool Equals((string[] Values, int? Count) x, (string[] Values, int? Count) y) => x.Values.SequenceEqual(y.Values) && x.Count == y.Count;

        public int GetHashCode((string[] Values, int? Count) obj) => obj.Count.GetHashCode();
    }
}
