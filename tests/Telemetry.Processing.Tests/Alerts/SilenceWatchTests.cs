using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Alerts;

public sealed class SilenceWatchTests
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(15);
    private static readonly AlertRuleSet Rules = new([], new Dictionary<string, TimeSpan> { ["thermostat"] = TimeSpan.FromMinutes(2) });
    private readonly FakeTimeProvider clock = new(Ten);

    // Device clocks run 3 s behind arrival here: silence is measured on arrival, reported in device time.
    private static SeenDevice Seen(DateTimeOffset lastArrival, string type = "thermostat", SilenceEpisode? silence = null) =>
        new("thermostat-0001", type, "plant-a", lastArrival.AddSeconds(-3), lastArrival, silence);

    [Fact]
    public void Check_HeardFromWithinThresholdAndLag_Nothing()
    {
        clock.Advance(TimeSpan.FromMinutes(2) + Lag);

        Assert.Null(SilenceWatch.Check(Seen(Ten), Rules, clock.GetUtcNow(), Lag, TimeSpan.Zero));
    }

    [Fact]
    public void Check_QuietLongerThanThresholdAndLag_OpensOneSilence()
    {
        clock.Advance(TimeSpan.FromMinutes(2) + Lag + TimeSpan.FromSeconds(1));

        var decision = SilenceWatch.Check(Seen(Ten), Rules, clock.GetUtcNow(), Lag, TimeSpan.Zero);
        var again = SilenceWatch.Check(Seen(Ten), Rules, clock.GetUtcNow().AddMinutes(5), Lag, TimeSpan.Zero);

        Assert.NotNull(decision);
        Assert.Equal(AlertEventTypes.DeviceSilent, decision.Event.DetailType);
        Assert.Equal((Ten.AddSeconds(-3), TimeSpan.FromMinutes(2)), (decision.Event.LastSeenAt!.Value, decision.Event.SilentAfter!.Value));
        Assert.Equal(decision.Silence!.Id, again!.Silence!.Id);
    }

    [Fact]
    public void Check_SilentDeviceStillQuiet_Nothing()
    {
        var silence = new SilenceEpisode("s1", Ten.AddSeconds(-3), Ten);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(SilenceWatch.Check(Seen(Ten, silence: silence), Rules, clock.GetUtcNow(), Lag, TimeSpan.Zero));
    }

    [Fact]
    public void Check_SilentDeviceHeardFromAgain_ResumesTheSameEpisode()
    {
        var silence = new SilenceEpisode("s1", Ten.AddSeconds(-3), Ten);
        var back = Ten.AddMinutes(10);

        var decision = SilenceWatch.Check(Seen(back, silence: silence), Rules, back.AddSeconds(30), Lag, TimeSpan.Zero);

        Assert.NotNull(decision);
        Assert.Null(decision.Silence);
        Assert.Equal((AlertEventTypes.DeviceResumed, "s1"), (decision.Event.DetailType, decision.Event.EpisodeId));
        Assert.Equal((Ten.AddSeconds(-3), back.AddSeconds(-3)), (decision.Event.StartedAt, decision.Event.EndedAt!.Value));
    }

    [Fact]
    public void Check_TypeWithoutThreshold_NeverSilent()
    {
        Assert.Null(SilenceWatch.Check(Seen(Ten, type: "vibration"), Rules, Ten.AddDays(1), Lag, TimeSpan.Zero));
    }

    [Fact]
    public void Check_AlerterBehindOnTheDevicesShard_NotSilentWhileItsReadingsMayBeUnread()
    {
        // Five minutes quiet on the clock, but the alerter was four minutes behind on the device's shard.
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(SilenceWatch.Check(Seen(Ten), Rules, clock.GetUtcNow(), Lag, TimeSpan.FromMinutes(4)));
    }

    [Fact]
    public void Check_CaughtUpShardWithNothingToRead_SilentOnTheClock()
    {
        // An idle shard gets no batches, so its last measure stays what it was when the alerter was caught up.
        clock.Advance(TimeSpan.FromMinutes(5));

        var decision = SilenceWatch.Check(Seen(Ten), Rules, clock.GetUtcNow(), Lag, TimeSpan.FromSeconds(1));

        Assert.Equal(AlertEventTypes.DeviceSilent, decision?.Event.DetailType);
    }

    [Fact]
    public void Missed_GapJustUnderThresholdAndLag_Nothing()
    {
        var back = Ten + TimeSpan.FromMinutes(2) + Lag;

        Assert.Empty(SilenceWatch.Missed(Seen(Ten), Update(back), [Heard(back)], Rules, Lag));
    }

    [Fact]
    public void Missed_GapJustOverThresholdAndLag_SilentThenResumedNamedAsTheWatchdogNamesIt()
    {
        var back = Ten + TimeSpan.FromMinutes(2) + Lag + TimeSpan.FromMilliseconds(1);
        var watchdog = SilenceWatch.Check(Seen(Ten), Rules, back, Lag, TimeSpan.Zero)!;

        var events = SilenceWatch.Missed(Seen(Ten), Update(back), [Heard(back)], Rules, Lag);

        Assert.Equal([AlertEventTypes.DeviceSilent, AlertEventTypes.DeviceResumed], events.Select(e => e.DetailType));
        Assert.All(events, e => Assert.Equal(watchdog.Silence!.Id, e.EpisodeId));
        Assert.Equal(watchdog.Event, events[0]);
        Assert.Equal((Ten.AddSeconds(-3), back.AddSeconds(-3)), (events[1].LastSeenAt!.Value, events[1].EndedAt!.Value));
    }

    [Fact]
    public void Missed_SilenceAlreadyOpen_NothingSinceTheWatchdogResumesIt()
    {
        var silence = new SilenceEpisode("s1", Ten.AddSeconds(-3), Ten);
        var back = Ten.AddMinutes(10);

        Assert.Empty(SilenceWatch.Missed(Seen(Ten, silence: silence), Update(back), [Heard(back)], Rules, Lag));
    }

    [Fact]
    public void Missed_ReadingsNoNewerThanTheStoredOne_Nothing()
    {
        // A replay: the stored device was heard from at ten past, after the gap these old readings straddle.
        var old = new[] { Heard(Ten.AddMinutes(-10)), Heard(Ten) };

        Assert.Empty(SilenceWatch.Missed(Seen(Ten.AddMinutes(10)), Update(Ten), old, Rules, Lag));
    }

    [Fact]
    public void Missed_TypeWithoutThreshold_Nothing()
    {
        var back = Ten.AddHours(1);

        Assert.Empty(SilenceWatch.Missed(Seen(Ten, type: "vibration"), Update(back, "vibration"), [Heard(back)], Rules, Lag));
        Assert.Null(SilenceWatch.GapFloor("vibration", [Heard(back)], Rules, Lag));
    }

    [Fact]
    public void Missed_BatchOfACatchingUpAlerterSpanningLongerThanTheThreshold_OnlyItsRealGaps()
    {
        // A device sending every 100 s, read 20 minutes late in one batch: the batch spans more than a silence, but
        // the only gap longer than threshold and lag is the 5 minutes from 400 s on.
        var arrivals = new[] { 100, 200, 300, 400, 700, 800 }.Select(s => Ten.AddSeconds(s)).ToList();

        var events = SilenceWatch.Missed(Seen(Ten), Update(arrivals[^1]), [.. arrivals.Select(Heard)], Rules, Lag);

        Assert.Equal([AlertEventTypes.DeviceSilent, AlertEventTypes.DeviceResumed], events.Select(e => e.DetailType));
        Assert.Equal((Ten.AddSeconds(397), Ten.AddSeconds(697)), (events[1].LastSeenAt!.Value, events[1].EndedAt!.Value));
    }

    [Property(MaxTest = 500)]
    public Property GapFloor_AnyStoredArrivalAndReadings_StoredBelowItExactlyWhenASilenceWasMissed()
    {
        // The store refuses the plain update exactly when there is something for the alerter to decide.
        var seconds = Gen.Choose(0, 1200);
        return Prop.ForAll(seconds.ToArbitrary(), seconds.NonEmptyListOf().ToArbitrary(), (stored, heard) =>
        {
            var readings = heard.Select(s => Heard(Ten.AddSeconds(s))).ToList();
            var newest = readings.Max(r => r.Arrival);
            var floor = SilenceWatch.GapFloor("thermostat", readings, Rules, Lag)!.Value;
            var missed = SilenceWatch.Missed(Seen(Ten.AddSeconds(stored)), Update(newest), readings, Rules, Lag);

            return (missed.Count > 0) == (Ten.AddSeconds(stored) < floor);
        });
    }

    private static SeenUpdate Update(DateTimeOffset arrival, string type = "thermostat") =>
        new("thermostat-0001", type, "plant-a", arrival.AddSeconds(-3), arrival);

    private static HeardReading Heard(DateTimeOffset arrival) => new(arrival, arrival.AddSeconds(-3));
}
