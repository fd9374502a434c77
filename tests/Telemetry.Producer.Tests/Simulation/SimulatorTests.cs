using System.Net;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Aws.Kinesis;
using Telemetry.Producer.Simulation;
using Telemetry.Producer.Tests.Fakes;

namespace Telemetry.Producer.Tests.Simulation;

public class SimulatorTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly SimulatorOptions Fast = new()
    {
        Devices = 12,
        Readings = 1234,
        NoPace = true,
        StreamName = "telemetry",
        StartTime = Start,
        BaseBackoff = TimeSpan.Zero,
        MaxRetries = 3,
    };

    [Fact]
    public async Task RunAsync_Unpaced_EveryReadingAcknowledgedInBatchesOfAtMost500()
    {
        var client = new FakeKinesisClient();

        var result = await new Simulator().RunAsync(Fast, client, progress: null, CancellationToken.None);

        Assert.Equal((1234L, 1234L, 0L), (result.Generated, result.Sent, result.Failed));
        Assert.True(result.AllSent);
        Assert.Equal(1234, client.Accepted.Count);
        Assert.All(client.Calls, call => Assert.InRange(call.Count, 1, 500));
        Assert.All(client.Accepted, e => Assert.Matches("^(thermostat|cold-storage|vibration)-[0-9]{4}$", e.PartitionKey));
    }

    [Fact]
    public async Task RunAsync_SameSeedAndStart_SameRecords()
    {
        var first = new FakeKinesisClient();
        var second = new FakeKinesisClient();

        await new Simulator().RunAsync(Fast, first, null, CancellationToken.None);
        await new Simulator().RunAsync(Fast, second, null, CancellationToken.None);

        Assert.Equal(first.Accepted.Select(e => e.Data.ToArray()), second.Accepted.Select(e => e.Data.ToArray()));
    }

    [Fact]
    public async Task RunAsync_WithRetries_PerDeviceSequenceStrictlyIncreasingOnTheStream()
    {
        // Every third call fails half its entries, so re-sends interleave with first sends.
        var client = new FakeKinesisClient { FailEntry = (entry, call) => call % 3 == 1 && entry.PartitionKey[^1] % 2 == 0 ? "ProvisionedThroughputExceededException" : null };

        var result = await new Simulator().RunAsync(Fast, client, null, CancellationToken.None);

        Assert.Equal(1234L, result.Sent);
        Assert.True(result.Retries > 0);
        var readings = SentReadings.Decode(client.Accepted);
        foreach (var device in readings.GroupBy(r => r.DeviceId))
        {
            var sequences = device.Select(r => r.Sequence).ToList();
            Assert.Equal(sequences.Order(), sequences);
            Assert.Equal(sequences.Count, sequences.Distinct().Count());
            Assert.Equal(1, sequences[0]);
        }
    }

    [Fact]
    public async Task RunAsync_PermanentEntryFailure_CountedFailedNotThrown()
    {
        var client = new FakeKinesisClient { FailEntry = (entry, _) => entry.PartitionKey == "vibration-0001" ? "InternalFailure" : null };

        var result = await new Simulator().RunAsync(Fast, client, null, CancellationToken.None);

        var vibration1 = (1234 / 12) + (1234 % 12 > 2 ? 1 : 0);
        Assert.Equal(vibration1, result.Failed);
        Assert.Equal(1234 - vibration1, result.Sent);
        Assert.False(result.AllSent);
        Assert.Null(result.Fault);
    }

    [Fact]
    public async Task RunAsync_MissingStream_FaultReportedAndNothingUnaccounted()
    {
        var client = new FakeKinesisClient { FailCall = _ => new KinesisResourceNotFoundException("ResourceNotFoundException", "no stream", HttpStatusCode.BadRequest, null) };

        var result = await new Simulator().RunAsync(Fast, client, null, CancellationToken.None);

        Assert.IsType<KinesisResourceNotFoundException>(result.Fault);
        // The calls already in flight when the first failed, one per lane at most.
        Assert.InRange(client.Calls.Count, 1, Fast.InFlight);
        Assert.Equal(0L, result.Sent);
        Assert.Equal(result.Generated, result.Failed);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileACallIsInFlight_FlushesEverythingGenerated()
    {
        using var stop = new CancellationTokenSource();
        var client = new FakeKinesisClient { OnCall = async (call, _) => { if (call == 1) { await stop.CancelAsync(); } } };
        var options = Fast with { Readings = 100_000 };

        var result = await new Simulator().RunAsync(options, client, null, stop.Token);

        Assert.True(result.Cancelled);
        Assert.InRange(result.Generated, 501, 99_999);
        Assert.Equal((result.Generated, 0L), (result.Sent, result.Failed));
        Assert.Equal(result.Generated, client.Accepted.Count);
    }

    [Fact]
    public async Task RunAsync_FlushOutlastsDeadline_UnsentCountedFailed()
    {
        var time = new FakeTimeProvider(Start);
        using var stop = new CancellationTokenSource();
        var hanging = false;
        var client = new FakeKinesisClient
        {
            OnCall = async (_, ct) =>
            {
                // Cancel() runs the callbacks, which arm the flush deadline, before it returns.
                stop.Cancel();
                Volatile.Write(ref hanging, true);
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            },
        };
        var options = Fast with { Readings = 1200, FlushTimeout = TimeSpan.FromSeconds(10) };

        var running = new Simulator(time).RunAsync(options, client, null, stop.Token);
        await Poll.UntilAsync(() => Volatile.Read(ref hanging), "the first call");
        Assert.False(running.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((1200L, 0L, 1200L), (result.Generated, result.Sent, result.Failed));
    }

    [Fact]
    public async Task RunAsync_Paced_SendsReadingsAsTheirTimeComes()
    {
        var time = new WatchedFakeTime(Start);
        var client = new FakeKinesisClient();
        var options = new SimulatorOptions { Devices = 2, RatePerDevice = 2, Duration = TimeSpan.FromSeconds(3), StreamName = "telemetry" };

        var running = new Simulator(time).RunAsync(options, client, null, CancellationToken.None);
        await Poll.UntilAsync(() => time.WaitsStarted == 1, "the first wait");
        var atStart = client.Accepted.Count;
        time.Advance(TimeSpan.FromSeconds(1));
        await Poll.UntilAsync(() => time.WaitsStarted == 2, "the wait after the first second");
        var afterOneSecond = client.Accepted.Count;
        while (!running.IsCompleted)
        {
            var waits = time.WaitsStarted;
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Poll.UntilAsync(() => running.IsCompleted || time.WaitsStarted > waits, "the next wait");
        }

        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, atStart);
        Assert.Equal(5, afterOneSecond);
        Assert.Equal(12L, result.Sent);
        var timestamps = SentReadings.Decode(client.Accepted).Select(r => r.Timestamp).ToList();
        Assert.Equal(Start, timestamps[0]);
        Assert.Equal(Start + TimeSpan.FromMilliseconds(2750), timestamps[^1]);
    }

    [Fact]
    public async Task RunAsync_PacedAboveOneRoundPerInterval_EveryDueReadingSentBeforeTheNextWait()
    {
        // 100 devices × 1000/s is 20,000 readings per 200 ms interval, more than one round generates.
        var time = new WatchedFakeTime(Start);
        var client = new FakeKinesisClient();
        var options = new SimulatorOptions
        {
            Devices = 100, RatePerDevice = 1000, Readings = 30_000, SendInterval = TimeSpan.FromMilliseconds(200), StreamName = "telemetry",
        };

        var running = new Simulator(time).RunAsync(options, client, null, CancellationToken.None);
        await Poll.UntilAsync(() => time.WaitsStarted == 1, "the first wait");
        var atStart = client.Accepted.Count;
        time.Advance(TimeSpan.FromMilliseconds(200));
        await Poll.UntilAsync(() => running.IsCompleted || time.WaitsStarted == 2, "the second wait");
        var afterOneInterval = client.Accepted.Count;
        while (!running.IsCompleted)
        {
            var waits = time.WaitsStarted;
            time.Advance(TimeSpan.FromMilliseconds(200));
            await Poll.UntilAsync(() => running.IsCompleted || time.WaitsStarted > waits, "the next wait");
        }

        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        // Reading i is due at floor(i / 100) ms: 100 at 0 ms, 20,100 by 200 ms.
        Assert.Equal(100, atStart);
        Assert.Equal(20_100, afterOneInterval);
        Assert.Equal((30_000L, 0L), (result.Sent, result.Failed));
    }

    [Fact]
    public async Task RunAsync_Unpaced_TimestampsEndAtNowSpacedAsIfPaced()
    {
        var time = new FakeTimeProvider(Start);
        var client = new FakeKinesisClient();
        var options = new SimulatorOptions { Devices = 4, RatePerDevice = 1, Duration = TimeSpan.FromMinutes(10), NoPace = true, StreamName = "telemetry" };

        var result = await new Simulator(time).RunAsync(options, client, null, CancellationToken.None);

        var readings = SentReadings.Decode(client.Accepted);
        Assert.Equal(2400L, result.Sent);
        Assert.Equal(Start - TimeSpan.FromMinutes(10), readings[0].Timestamp);
        Assert.True(readings[^1].Timestamp < Start);
        var oneDevice = readings.Where(r => r.DeviceId == "thermostat-0001").Select(r => r.Timestamp).ToList();
        Assert.All(oneDevice.Zip(oneDevice.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(1), p.Second - p.First));
    }

    [Fact]
    public async Task RunAsync_Progress_ReportsUpToTheFinalCounts()
    {
        var progress = new RecordingProgress();

        var result = await new Simulator().RunAsync(Fast, new FakeKinesisClient(), progress, CancellationToken.None);

        Assert.True(progress.Reports.Count >= 3);
        Assert.Equal(result.Sent, progress.Reports[^1].Sent);
        Assert.Equal(1234L, progress.Reports[^1].Total);
        Assert.Equal(progress.Reports.Select(p => p.Sent).Order(), progress.Reports.Select(p => p.Sent));
    }

    [Fact]
    public async Task RunAsync_InvalidOptions_Throws()
    {
        var options = Fast with { Devices = 0 };

        await Assert.ThrowsAsync<ArgumentException>(() => new Simulator().RunAsync(options, new FakeKinesisClient(), null, CancellationToken.None));
    }

    private sealed class RecordingProgress : IProgress<SimulatorProgress>
    {
        public List<SimulatorProgress> Reports { get; } = [];

        public void Report(SimulatorProgress value) => Reports.Add(value);
    }
}
