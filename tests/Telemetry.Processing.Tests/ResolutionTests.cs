namespace Telemetry.Processing.Tests;

public class ResolutionTests
{
    [Theory]
    [InlineData(Resolution.Minute, "1m", 60)]
    [InlineData(Resolution.Hour, "1h", 3600)]
    public void CodeAndDuration_EachResolution_MatchDocumentedValues(Resolution resolution, string code, int seconds)
    {
        Assert.Equal(code, resolution.Code());
        Assert.Equal(TimeSpan.FromSeconds(seconds), resolution.Duration());
        Assert.True(ResolutionExtensions.TryParse(code, out var parsed));
        Assert.Equal(resolution, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1M")]
    [InlineData("1d")]
    [InlineData(" 1m")]
    [InlineData("Minute")]
    [InlineData(null)]
    public void TryParse_UnknownCode_ReturnsFalse(string? code)
    {
        Assert.False(ResolutionExtensions.TryParse(code, out _));
    }

    [Fact]
    public void Duration_UndefinedEnumValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Resolution)99).Duration());
    }

    [Theory]
    [InlineData(Resolution.Minute, "2026-11-26T04:00:59.999Z", "2026-11-26T04:00:00Z")]
    [InlineData(Resolution.Minute, "2026-11-26T04:01:00.000Z", "2026-11-26T04:01:00Z")]
    [InlineData(Resolution.Minute, "2026-11-26T04:00:00.000Z", "2026-11-26T04:00:00Z")]
    [InlineData(Resolution.Minute, "2026-12-31T23:59:59.999Z", "2026-12-31T23:59:00Z")]
    [InlineData(Resolution.Hour, "2026-11-26T04:59:59.999Z", "2026-11-26T04:00:00Z")]
    [InlineData(Resolution.Hour, "2026-11-26T05:00:00.000Z", "2026-11-26T05:00:00Z")]
    [InlineData(Resolution.Hour, "2026-11-26T00:00:00.001Z", "2026-11-26T00:00:00Z")]
    [InlineData(Resolution.Hour, "2026-12-31T23:30:00Z", "2026-12-31T23:00:00Z")]
    public void WindowStart_TimestampsAtBoundaries_FloorToWindow(Resolution resolution, string timestamp, string expected)
    {
        var start = resolution.WindowStart(TestReadings.Utc(timestamp));

        Assert.Equal(TestReadings.Utc(expected), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }

    [Fact]
    public void WindowStart_NonUtcOffset_AlignsInUtc()
    {
        // 09:30:20 at +05:30 is 04:00:20 UTC; an offset-local floor would give 09:00 local = 03:30 UTC.
        var local = new DateTimeOffset(2026, 11, 26, 9, 30, 20, TimeSpan.FromHours(5.5));

        Assert.Equal(TestReadings.Utc("2026-11-26T04:00:00Z"), Resolution.Hour.WindowStart(local));
    }

    [Fact]
    public void WindowKey_End_IsStartPlusDurationAndExclusive()
    {
        var key = WindowKey.For("dev-1", Resolution.Minute, TestReadings.Utc("2026-11-26T04:00:30Z"));

        Assert.Equal(TestReadings.Utc("2026-11-26T04:01:00Z"), key.End);
        Assert.True(key.Contains(TestReadings.Utc("2026-11-26T04:00:59.999Z")));
        Assert.False(key.Contains(key.End));
    }
}
