using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Telemetry.Contracts.Tests;

public class DurationsTests
{
    [Theory]
    [MemberData(nameof(DurationCases.Accepted), MemberType = typeof(DurationCases))]
    public void TryParse_SupportedForms_Parsed(string text, long ticks)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromTicks(ticks), duration);
    }

    [Theory]
    [MemberData(nameof(DurationCases.Refused), MemberType = typeof(DurationCases))]
    public void TryParse_OutsideTheSyntax_False(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_Null_False()
    {
        Assert.False(Durations.TryParse(null, out _));
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
