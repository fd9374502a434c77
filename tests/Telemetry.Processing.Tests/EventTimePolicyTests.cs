namespace Telemetry.Processing.Tests;

public class EventTimePolicyTests
{
    private static readonly AggregationOptions Options = AggregationOptions.Default;

    [Fact]
    public void Judge_ReadingFromNow_IsAccepted()
    {
        var reading = TestReadings.Reading(TestReadings.At0400);

        Assert.Equal(LatenessVerdict.Accepted, EventTimePolicy.Judge(reading, TestReadings.At0400, Options));
    }

    [Fact]
    public void Judge_CoarsestWindowEndedExactlyAllowedLatenessAgo_IsAccepted()
    {
        // Reading at 04:10 sits in the 04:00–05:00 hour window; it ends 05:00, so the bound is 05:00 + 24h.
        var reading = TestReadings.Reading(TestReadings.Utc("2026-11-26T04:10:00Z"));

        var verdict = EventTimePolicy.Judge(reading, TestReadings.Utc("2026-11-27T05:00:00Z"), Options);

        Assert.Equal(LatenessVerdict.Accepted, verdict);
    }

    [Fact]
    public void Judge_CoarsestWindowEndedJustOverAllowedLatenessAgo_IsTooLate()
    {
        var reading = TestReadings.Reading(TestReadings.Utc("2026-11-26T04:10:00Z"));

        var verdict = EventTimePolicy.Judge(reading, TestReadings.Utc("2026-11-27T05:00:00.001Z"), Options);

        Assert.Equal(LatenessVerdict.TooLate, verdict);
    }

    [Fact]
    public void Judge_WrittenOptionsWithMinutesOnly_JudgesAgainstTheDerivedHour()
    {
        // The aggregator writes minutes only, yet a reading must feed its derived hour too: the bound is the hour's.
        var options = AggregationOptions.Written(TimeSpan.FromMinutes(10));
        var reading = TestReadings.Reading(TestReadings.Utc("2026-11-26T04:10:00Z"));

        Assert.Equal([Resolution.Minute], options.Resolutions);
        Assert.Equal(LatenessVerdict.Accepted, EventTimePolicy.Judge(reading, TestReadings.Utc("2026-11-26T05:10:00Z"), options));
        Assert.Equal(LatenessVerdict.TooLate, EventTimePolicy.Judge(reading, TestReadings.Utc("2026-11-26T05:10:00.001Z"), options));
    }

    [Fact]
    public void Judge_MinuteWindowLateButHourWindowNot_IsAccepted()
    {
        // With lateness 10 minutes, the 04:10 minute window closed long ago but the 04:00–05:00 hour one has not.
        var options = AggregationOptions.Default with { AllowedLateness = TimeSpan.FromMinutes(10) };
        var reading = TestReadings.Reading(TestReadings.Utc("2026-11-26T04:10:00Z"));

        var verdict = EventTimePolicy.Judge(reading, TestReadings.Utc("2026-11-26T05:05:00Z"), options);

        Assert.Equal(LatenessVerdict.Accepted, verdict);
    }

    [Fact]
    public void Judge_OnlyMinuteResolution_UsesMinuteWindow()
    {
        var options = new AggregationOptions([Resolution.Minute], TimeSpan.FromMinutes(10));
        var reading = TestReadings.Reading(TestReadings.Utc("2026-11-26T04:10:30Z"));

        Assert.Equal(LatenessVerdict.Accepted, EventTimePolicy.Judge(reading, TestReadings.Utc("2026-11-26T04:21:00Z"), options));
        Assert.Equal(LatenessVerdict.TooLate, EventTimePolicy.Judge(reading, TestReadings.Utc("2026-11-26T04:21:00.001Z"), options));
    }

    [Fact]
    public void AggregationOptions_Default_IsMinuteAndHourWith24HoursLateness()
    {
        Assert.Equal([Resolution.Minute, Resolution.Hour], AggregationOptions.Default.Resolutions);
        Assert.Equal(TimeSpan.FromHours(24), AggregationOptions.Default.AllowedLateness);
        Assert.Equal(Resolution.Hour, AggregationOptions.Default.Coarsest);
    }

    [Fact]
    public void AggregationOptions_NoResolutions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AggregationOptions([], TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => AggregationOptions.Default with { Resolutions = [] });
    }

    [Fact]
    public void AggregationOptions_NegativeLateness_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AggregationOptions.Default with { AllowedLateness = TimeSpan.FromSeconds(-1) });
    }
}
