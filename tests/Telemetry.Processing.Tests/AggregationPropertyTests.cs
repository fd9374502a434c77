using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Telemetry.Contracts;

namespace Telemetry.Processing.Tests;

public class AggregationPropertyTests
{
    [Property(MaxTest = 200)]
    public Property Merge_PartialAggregatesInAnyGroupingAndOrder_EqualsAggregatingAllAtOnce() =>
        Prop.ForAll(Generators.ReadingsAndSeed, input =>
        {
            var (readings, seed) = input;
            var options = AggregationOptions.Default;
            var expected = Aggregator.Aggregate(readings, options);

            var actual = SplitAggregateAndMergeBack(readings, options, new Random(seed));

            AssertEquivalent(expected, actual, Scales(readings, options));
        });

    /// <summary>
    /// Shuffles the readings, deals them into a random number of batches, aggregates each batch alone, then merges
    /// the batch results pairwise in random order until one is left — a random merge tree.
    /// </summary>
    private static Dictionary<WindowKey, WindowAggregate> SplitAggregateAndMergeBack(
        Reading[] readings, AggregationOptions options, Random random)
    {
        var shuffled = readings.ToArray();
        random.Shuffle(shuffled);
        var batchCount = random.Next(1, shuffled.Length + 2);
        var batches = new List<Dictionary<WindowKey, WindowAggregate>>();
        for (var b = 0; b < batchCount; b++)
        {
            batches.Add([]);
        }

        foreach (var reading in shuffled)
        {
            Aggregator.AddTo(batches[random.Next(batchCount)], reading, options);
        }

        while (batches.Count > 1)
        {
            var into = random.Next(batches.Count);
            var from = (into + 1 + random.Next(batches.Count - 1)) % batches.Count;
            foreach (var (key, partial) in batches[from])
            {
                if (batches[into].TryGetValue(key, out var existing))
                {
                    existing.Merge(partial);
                }
                else
                {
                    batches[into].Add(key, partial);
                }
            }

            batches.RemoveAt(from);
        }

        return batches[0];
    }

    /// <summary>Per window and metric, Σ|x| and Σx²: the scales of the rounding error of the two sums.</summary>
    private static IReadOnlyDictionary<WindowKey, WindowAggregate> Scales(Reading[] readings, AggregationOptions options) =>
        Aggregator.Aggregate(
            readings.Select(r => r with { Metrics = r.Metrics.ToDictionary(m => m.Key, m => Math.Abs(m.Value)) }),
            options);

    private static void AssertEquivalent(
        IReadOnlyDictionary<WindowKey, WindowAggregate> expected,
        IReadOnlyDictionary<WindowKey, WindowAggregate> actual,
        IReadOnlyDictionary<WindowKey, WindowAggregate> scales)
    {
        Assert.Equal(expected.Keys.ToHashSet(), actual.Keys.ToHashSet());
        foreach (var (key, want) in expected)
        {
            var got = actual[key];
            Assert.Equal(want.ReadingCount, got.ReadingCount);
            Assert.Equal(want.DeviceType, got.DeviceType);
            Assert.Equal(want.Site, got.Site);
            Assert.Equal(want.Metrics.Keys.ToHashSet(), got.Metrics.Keys.ToHashSet());
            foreach (var (metric, stats) in want.Metrics)
            {
                var other = got.Metrics[metric];
                var scale = scales[key].Metrics[metric];
                Assert.Equal(stats.Count, other.Count);
                Assert.Equal(stats.Min, other.Min);
                Assert.Equal(stats.Max, other.Max);
                Tolerance.AssertClose(stats.Sum, other.Sum, scale.Sum, $"{key} {metric} sum");
                Tolerance.AssertClose(stats.SumOfSquares, other.SumOfSquares, scale.SumOfSquares, $"{key} {metric} sum of squares");
            }
        }
    }
}
