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
}
