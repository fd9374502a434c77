using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Telemetry.Processing.Tests;

public class MetricStatsPropertyTests
{
    private static MetricStats StatsOf(IEnumerable<double> values) =>
        values.Aggregate(MetricStats.Empty, (stats, v) => stats.Add(v));

    [Property]
    public Property Merge_AnyTwo_IsExactlyCommutative() =>
        Prop.ForAll(Generators.ThreeValueLists, lists =>
        {
            var (a, b) = (StatsOf(lists.A), StatsOf(lists.B));

            // IEEE addition, min and max are commutative, so this one holds bit for bit.
            Assert.Equal(a.Merge(b), b.Merge(a));
        });

    [Property]
    public Property Merge_Empty_IsExactIdentity() =>
        Prop.ForAll(Generators.ThreeValueLists, lists =>
        {
            var a = StatsOf(lists.A);

            Assert.Equal(a, a.Merge(MetricStats.Empty));
            Assert.Equal(a, MetricStats.Empty.Merge(a));
        });

    [Property]
    public Property Merge_AnyThree_IsAssociativeWithinTolerance() =>
        Prop.ForAll(Generators.ThreeValueLists, lists =>
        {
            var (a, b, c) = (StatsOf(lists.A), StatsOf(lists.B), StatsOf(lists.C));
            var all = lists.A.Concat(lists.B).Concat(lists.C).ToArray();

            var leftFirst = a.Merge(b).Merge(c);
            var rightFirst = a.Merge(b.Merge(c));

            Assert.Equal(leftFirst.Count, rightFirst.Count);
            Assert.Equal(leftFirst.Min, rightFirst.Min);
            Assert.Equal(leftFirst.Max, rightFirst.Max);
            Tolerance.AssertClose(leftFirst.Sum, rightFirst.Sum, all.Sum(Math.Abs), "sum");
            Tolerance.AssertClose(leftFirst.SumOfSquares, rightFirst.SumOfSquares, all.Sum(v => v * v), "sum of squares");
        });

    [Property]
    public Property Merge_OfPartials_EqualsStatsOfAllValues() =>
        Prop.ForAll(Generators.ThreeValueLists, lists =>
        {
            var all = lists.A.Concat(lists.B).ToArray();

            var merged = StatsOf(lists.A).Merge(StatsOf(lists.B));
            var direct = StatsOf(all);

            Assert.Equal(all.Length, merged.Count);
            Assert.Equal(direct.Count, merged.Count);
            Assert.Equal(direct.Min, merged.Min);
            Assert.Equal(direct.Max, merged.Max);
            Tolerance.AssertClose(direct.Sum, merged.Sum, all.Sum(Math.Abs), "sum");
            Tolerance.AssertClose(direct.SumOfSquares, merged.SumOfSquares, all.Sum(v => v * v), "sum of squares");
        });
}
