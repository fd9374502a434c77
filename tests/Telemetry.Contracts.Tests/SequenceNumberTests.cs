using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Telemetry.Contracts.Tests;

public class SequenceNumberTests
{
    [Fact]
    public void CompareTo_NineAndTen_OrdersAsIntegers()
    {
        Assert.True(SequenceNumber.Parse("9") < SequenceNumber.Parse("10"));
    }

    [Fact]
    public void CompareTo_FiftySixDigitNumbers_OrdersAsIntegers()
    {
        var lower = SequenceNumber.Parse("49590338271490256608559692538361571095921575989136588898");
        var higher = SequenceNumber.Parse("49590338271490256608559692540925702759324208523137515618");

        Assert.True(lower < higher);
        Assert.Equal("49590338271490256608559692538361571095921575989136588898", lower.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("12a")]
    [InlineData(" 12")]
    public void TryParse_NotDigits_Fails(string text)
    {
        Assert.False(SequenceNumber.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_MoreThan128Digits_Fails()
    {
        Assert.False(SequenceNumber.TryParse(new string('9', 129), out _));
        Assert.True(SequenceNumber.TryParse(new string('9', 128), out _));
    }

    [Fact]
    public void Equals_LeadingZerosAndDefault_SameNumber()
    {
        Assert.Equal(SequenceNumber.Parse("42"), SequenceNumber.Parse("00042"));
        Assert.Equal(SequenceNumber.Parse("42").GetHashCode(), SequenceNumber.Parse("00042").GetHashCode());
        Assert.Equal(default, SequenceNumber.Parse("000"));
        Assert.Equal("42", SequenceNumber.Parse("00042").ToString());
    }

    [Property]
    public Property CompareTo_AnyTwoNumbersBeyondSixtyFourBits_OrdersAsIntegers() =>
        Prop.ForAll<ulong, ulong, ulong>((a, b, c) =>
        {
            var (left, right) = (new BigInteger(a) * b, (new BigInteger(b) * c) + a);

            var comparison = SequenceNumber.Parse(Text(left)).CompareTo(SequenceNumber.Parse(Text(right)));

            Assert.Equal(left.CompareTo(right), Math.Sign(comparison));
            Assert.Equal(left, SequenceNumber.Parse(Text(left)).Value);
        });

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
