using Telemetry.Contracts;
using Telemetry.Producer.Devices;
using Telemetry.Producer.Faults;

namespace Telemetry.Producer.Tests.Faults;

public class FaultPlannerTests
{
    private const int Devices = 10;
    private const int Readings = 20_000;
    private const double Rate = 1.0;
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Fleet Fleet = Fleet.Generate(Devices, 42);

    private static readonly FaultOptions All = new()
    {
        Duplicates = 0.1, OutOfOrder = 0.05, Late = 0.04, TooLate = 0.03, Poison = 0.02, Bursts = 0.3, BurstEvery = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public void Plan_SameSeed_SameRecordsAndReleases()
    {
        var first = PlanAll(All, seed: 7);
        var second = PlanAll(All, seed: 7);

        Assert.Equal(first.Select(Key), second.Select(Key));
    }

    [Fact]
    public void Plan_OtherSeed_OtherDecisions()
    {
        var first = PlanAll(All, seed: 7);
        var second = PlanAll(All, seed: 8);

        Assert.NotEqual(first.Select(Key), second.Select(Key));
    }

    [Fact]
    public void Plan_Rates_RespectedWithinTolerance()
    {
        var planned = PlanAll(All, seed: 3);
        var readings = planned.Where(p => p.Kind == PlannedKind.Reading).ToList();

        Assert.Equal(Readings, readings.Count);
        AssertRate(0.1, planned.Count(p => p.Kind == PlannedKind.Duplicate));
        AssertRate(0.05, readings.Count(p => p.OutOfOrder));
        AssertRate(0.04, readings.Count(p => p.Late));
        AssertRate(0.03, readings.Count(p => p.TooLate));
        AssertRate(0.02, planned.Count(p => p.Kind == PlannedKind.Poison));
    }

    [Fact]
    public void Plan_NoFaults_EachReadingAloneUnchangedAtItsTime()
    {
        var generator = new ReadingGenerator(Fleet, Start, Rate);
        var planner = Planner(FaultOptions.None, 1);
        for (var i = 0; i < 100; i++)
        {
            var offset = generator.OffsetOf(i);
            var reading = generator.Next();

            var planned = Assert.Single(planner.Plan(i % Devices, reading, offset, reading.Timestamp, reading.Timestamp));

            Assert.Equal(offset, planned.Release);
            Assert.Equal(ReadingCodec.Encode(reading), planned.Record.Data.ToArray());
            Assert.False(planned.TooLate || planned.Late || planned.OutOfOrder);
        }
    }

    [Fact]
    public void Plan_OutOfOrder_HeldPastTheDevicesNextReading()
    {
        var planned = PlanAll(new FaultOptions { OutOfOrder = 0.2 }, seed: 5);
        var readings = planned.Where(p => p.Kind == PlannedKind.Reading).ToList();

        foreach (var held in readings.Where(p => p.OutOfOrder))
        {
            var next = readings.FirstOrDefault(p => p.DeviceId == held.DeviceId && p.Sequence == held.Sequence + 1 && !p.OutOfOrder);
            if (next is not null)
            {
                Assert.True(held.Release > next.Release, $"{held.DeviceId}/{held.Sequence} released before {next.Sequence}");
            }
        }
    }

    [Fact]
    public void Plan_Duplicate_SameBytesLaterThanItsOriginal()
    {
        var planned = PlanAll(new FaultOptions { Duplicates = 0.3 }, seed: 5);

        var duplicates = planned.Where(p => p.Kind == PlannedKind.Duplicate).ToList();
        Assert.NotEmpty(duplicates);
        Assert.All(duplicates, d =>
        {
            Assert.Equal(d.Original!.Record.Data.ToArray(), d.Record.Data.ToArray());
            Assert.Equal(d.Original.Record.PartitionKey, d.Record.PartitionKey);
            Assert.True(d.Release > d.Original.Release);
        });
    }

    [Fact]
    public void Plan_Bursts_BurstingDevicesReleaseOnlyAtTheirFlushes()
    {
        var faults = new FaultOptions { Bursts = 0.5, BurstEvery = TimeSpan.FromSeconds(5) };
        var planner = Planner(faults, 9);
        var generator = new ReadingGenerator(Fleet, Start, Rate);
        var releases = new Dictionary<string, HashSet<TimeSpan>>();
        for (var i = 0; i < 1000; i++)
        {
            var offset = generator.OffsetOf(i);
            var reading = generator.Next();
            var planned = planner.Plan(i % Devices, reading, offset, reading.Timestamp, reading.Timestamp)[0];
            Assert.True(planned.Release >= offset);
            if (planner.Bursts(i % Devices))
            {
                Assert.True(planned.Release - offset < faults.BurstEvery);
                (releases.TryGetValue(reading.DeviceId, out var set) ? set : releases[reading.DeviceId] = []).Add(planned.Release);
            }
        }

        Assert.NotEmpty(releases);
        // 100 readings a second apart per device, flushed every 5 s: about 20 distinct flush times.
        Assert.All(releases.Values, set => Assert.InRange(set.Count, 19, 21));
    }

    [Fact]
    public void Plan_LateAndTooLate_StampedAgainstTheReference()
    {
        var lateness = TimeSpan.FromHours(24);
        var planned = PlanAll(new FaultOptions { Late = 0.5, TooLate = 0.5, AllowedLateness = lateness }, seed: 11);

        foreach (var p in planned.Where(p => p.Kind == PlannedKind.Reading))
        {
            var decoded = ReadingDecoder.Decode(p.Record.Data.Span, Start.AddDays(1));
            Assert.True(decoded.IsAccepted);
            var sent = Start + TimeSpan.FromSeconds((p.Sequence - 1) / Rate);
            Assert.Equal(p.TooLate, LatenessStamps.IsTooLateAt(decoded.Reading.Timestamp, sent, lateness));
            Assert.True(p.Late ^ p.TooLate);
        }
    }

    private static void AssertRate(double expected, int count)
    {
        var observed = (double)count / Readings;
        Assert.InRange(observed, expected * 0.85, expected * 1.15);
    }

    private static string Key(PlannedRecord p) =>
        $"{p.Kind}|{p.Release.Ticks}|{p.Order}|{Convert.ToBase64String(p.Record.Data.Span)}|{p.ExpectedReason}";

    private static FaultPlanner Planner(FaultOptions faults, int seed) =>
        new(faults, Fleet, seed, Rate, Start + TimeSpan.FromDays(30));

    private static List<PlannedRecord> PlanAll(FaultOptions faults, int seed)
    {
        var planner = Planner(faults, seed);
        var generator = new ReadingGenerator(Fleet, Start, Rate);
        var planned = new List<PlannedRecord>();
        for (var i = 0; i < Readings; i++)
        {
            var offset = generator.OffsetOf(i);
            var reading = generator.Next();
            planned.AddRange(planner.Plan(i % Devices, reading, offset, reading.Timestamp, reading.Timestamp));
        }

        return planned;
    }
}
