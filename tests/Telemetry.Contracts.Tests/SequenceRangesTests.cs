using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Telemetry.Contracts.Tests;

public class SequenceRangesTests
{
    [Fact]
    public void Add_InOrder_KeepsOneRange()
    {
        var ranges = new SequenceRanges();

        for (var sequence = 1; sequence <= 3600; sequence++)
        {
            Assert.True(ranges.Add(sequence));
        }

        Assert.Equal("1-3600", ranges.ToString());
        Assert.Equal(3600, ranges.Count);
    }

    [Fact]
    public void Add_Again_ReturnsFalseAndChangesNothing()
    {
        var ranges = SequenceRanges.Parse("1-5,9");

        Assert.False(ranges.Add(3));
        Assert.False(ranges.Add(9));
        Assert.Equal("1-5,9", ranges.ToString());
        Assert.Equal(6, ranges.Count);
    }

    [Fact]
    public void Add_FillingAGap_JoinsBothNeighbours()
    {
        var ranges = SequenceRanges.Parse("1-5,7-10");

        ranges.Add(6);

        Assert.Equal("1-10", ranges.ToString());
        Assert.Single(ranges.Ranges);
    }

    [Fact]
    public void Add_ToACopy_LeavesTheOriginalAndKeepsTheLength()
    {
        var original = SequenceRanges.Parse("1-5,7");
        var copy = new SequenceRanges(original);

        copy.Add(6);

        Assert.Equal("1-5,7", original.ToString());
        Assert.Equal("1-7", copy.ToString());
        Assert.Equal(3, copy.TextLength);
    }

    [Fact]
    public void Add_BelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceRanges().Add(0));
    }

    [Fact]
    public void Except_OverlappingRanges_LeavesWhatIsMissing()
    {
        var expected = SequenceRanges.Parse("1-100,200-210");
        var seen = SequenceRanges.Parse("1-10,12,50-205");

        Assert.Equal("11,13-49,206-210", expected.Except(seen).ToString());
    }

    [Fact]
    public void Add_LargestSequence_IsStoredAndParsedBack()
    {
        var ranges = new SequenceRanges();
        ranges.Add(long.MaxValue);
        ranges.Add(long.MaxValue - 1);

        Assert.Equal($"{long.MaxValue - 1}-{long.MaxValue}", ranges.ToString());
        Assert.Equal(ranges, SequenceRanges.Parse(ranges.ToString()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5-3")]
    [InlineData("1-3,3-5")]
    [InlineData("1-3,4")]
    [InlineData("4,1")]
    [InlineData("1,,2")]
    [InlineData("a")]
    [InlineData("-1")]
    [InlineData(" 1")]
    public void TryParse_NotAscendingDisjointRanges_Fails(string text)
    {
        Assert.False(SequenceRanges.TryParse(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    [Property]
    public Property Add_AnyOrderWithRepeats_EqualsTheSetOfDistinctNumbers() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(1, 300)).ToArbitrary(), values =>
        {
            var ranges = new SequenceRanges();
            var model = new SortedSet<long>();
            foreach (var value in values)
            {
                var predicted = ranges.TextLengthWith(value);
                Assert.Equal(model.Add(value), ranges.Add(value));
                Assert.Equal(predicted, ranges.TextLength);
            }

            Assert.Equal(model.Count, ranges.Count);
            Assert.All(Enumerable.Range(0, 302), v => Assert.Equal(model.Contains(v), ranges.Contains(v)));
            Assert.Equal(ranges.ToString().Length, ranges.TextLength);
            Assert.Equal(ranges, SequenceRanges.Parse(ranges.ToString()));
        });

    [Property]
    public Property UnionAndExcept_AnySets_MatchSetAlgebra() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(1, 200)).ToArbitrary(), Gen.ListOf(Gen.Choose(1, 200)).ToArbitrary(), (left, right) =>
        {
            var a = Of(left);
            var b = Of(right);

            var union = new SequenceRanges(a);
            union.UnionWith(b);
            var difference = a.Except(b);

            Assert.Equal(Of(left.Concat(right)), union);
            Assert.Equal(Of(left.Except(right)), difference);
            Assert.Equal(union.ToString().Length, union.TextLength);
            Assert.Equal(difference.ToString().Length, difference.TextLength);
        });

    private static SequenceRanges Of(IEnumerable<int> values)
    {
        var ranges = new SequenceRanges();
        foreach (var value in values)
        {
            ranges.Add(value);
        }

        return ranges;
    }
}
