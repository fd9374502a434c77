using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Telemetry.Contracts.Tests;

// infra/tests/durations.test.ts holds the same tables: the Pulumi program must accept exactly the same text.
public class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("0.25s", 250)]
    [InlineData("0s", 0)]
    [InlineData(" 15S ", 15_000)]
    [InlineData("\t2H\n", 7_200_000)]
    [InlineData("100MS", 100)]
    [InlineData("-5m", -300_000)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("1:00:00", 3_600_000)]
    [InlineData("1.00:00:00", 86_400_000)]
    [InlineData("23:59:59.5", 86_399_500)]
    [InlineData("-00:00:01", -1_000)]
    [InlineData("36500d", 3_153_600_000_000)]
    public void TryParse_SupportedForms_Parsed(string text, long milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("5")]
    [InlineData("30")]
    [InlineData("0")]
    [InlineData("5x")]
    [InlineData("s")]
    [InlineData(".5h")]
    [InlineData("5.h")]
    [InlineData("1,5h")]
    [InlineData("+5m")]
    [InlineData("5 m")]
    [InlineData("5m30s")]
    [InlineData("1e3s")]
    [InlineData("1e300d")]
    [InlineData("1e400s")]
    [InlineData("36501d")]
    [InlineData("99999999999999999999999999999999999999d")]
    [InlineData("01:30")]
    [InlineData("24:00:00")]
    [InlineData("00:60:00")]
    [InlineData("00:00:60")]
    [InlineData("1:2:3")]
    [InlineData("00:00:00.12345678")]
    [InlineData("1.02:03:04:05")]
    [InlineData("soon")]
    [InlineData("5\u017F")]
    public void TryParse_OutsideTheSyntax_False(string? text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_FinerThanATick_Truncated()
    {
        Assert.True(Durations.TryParse("0.00000015s", out var duration));
        Assert.Equal(TimeSpan.FromTicks(1), duration);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(90_000, "90s")]
    [InlineData(5_400_000, "90m")]
    [InlineData(86_400_000, "1d")]
    [InlineData(-300_000, "-5m")]
    [InlineData(90_061_500, "1.01:01:01.5")]
    public void Format_Durations_LargestWholeUnitElseClock(long milliseconds, string expected)
    {
        Assert.Equal(expected, Durations.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Format_Extremes_DoesNotThrow()
    {
        Assert.StartsWith("-", Durations.Format(TimeSpan.MinValue), StringComparison.Ordinal);
        Assert.False(Durations.TryParse(Durations.Format(TimeSpan.MaxValue), out _));
    }

    [Property]
    public Property Format_AnyDurationWithinMax_ParsesBackExactly() =>
        Prop.ForAll<long>(seed =>
        {
            var duration = TimeSpan.FromTicks(seed % (Durations.Max.Ticks + 1));

            Assert.True(Durations.TryParse(Durations.Format(duration), out var parsed));
            Assert.Equal(duration, parsed);
        });

    [Property]
    public Property TryParse_WholeAmountOfAUnit_IsThatMany(PositiveInt amount) =>
        Prop.ForAll(Gen.Elements(("ms", 1L), ("s", 1_000L), ("m", 60_000L), ("h", 3_600_000L), ("d", 86_400_000L)).ToArbitrary(), unit =>
        {
            var milliseconds = (decimal)amount.Get * unit.Item2;
            var accepted = Durations.TryParse($"{amount.Get}{unit.Item1.ToUpperInvariant()}", out var duration);

            Assert.Equal(milliseconds <= (decimal)Durations.Max.TotalMilliseconds, accepted);
            if (accepted)
            {
                Assert.Equal(TimeSpan.FromMilliseconds((double)milliseconds), duration);
            }
        });

    [Property]
    public void TryParse_AnyText_NeverThrows(string? text) => _ = Durations.TryParse(text, out _);
}
