using System.Globalization;
using Telemetry.Cli.Commands.Replay;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Streams;

namespace Telemetry.Cli.Tests.Replay;

public class ConsumerReplayTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AddAsync_ArrivalsFurtherApartThanABatchSpans_EachJudgedNearItsOwnArrival()
    {
        var (replay, rollups, rejected) = Replay();

        // Its hour closed exactly the lateness before its own arrival (accepted, at the bound); twenty seconds later
        // it would be too late.
        await replay.AddAsync(Record(1, Arrival, Arrival - TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1)), CancellationToken.None);
        await replay.AddAsync(Record(2, Arrival.AddSeconds(20), Arrival.AddSeconds(20)), CancellationToken.None);
        await replay.FlushAsync(CancellationToken.None);

        Assert.Equal((2L, 0L), (replay.Accepted, replay.Rejected));
        Assert.Equal(2, rollups.Readings);
        Assert.Empty(rejected.Stored);
    }

    [Fact]
    public async Task AddRejectedAsync_ReadingStampedJustPastTheFutureTolerance_RejectedNotCounted()
    {
        var (replay, rollups, rejected) = Replay();

        await replay.AddAsync(Record(1, Arrival, Arrival), CancellationToken.None);
        await replay.AddRejectedAsync(Record(2, Arrival.AddSeconds(1), Arrival.AddSeconds(1) + ReadingSchema.MaxFutureSkew + TimeSpan.FromSeconds(2)), CancellationToken.None);
        await replay.AddAsync(Record(3, Arrival.AddSeconds(8), Arrival.AddSeconds(8)), CancellationToken.None);
        await replay.FlushAsync(CancellationToken.None);

        Assert.Equal((2L, 1L), (replay.Accepted, replay.Rejected));
        Assert.Equal(2, rollups.Readings);
        Assert.Equal(["2"], rejected.Stored.Select(r => r.SequenceNumber));
    }

    private static (ConsumerReplay Replay, CountingRollups Rollups, KeptRejects Rejected) Replay()
    {
        var (rollups, rejected) = (new CountingRollups(), new KeptRejects());
        var replay = new ConsumerReplay(clock => new StreamBatchProcessor(rollups, rejected, AggregationOptions.Default, clock).ProcessAsync, TimeProvider.System);
        return (replay, rollups, rejected);
    }

    private static StreamRecord Record(long sequence, DateTimeOffset arrival, DateTimeOffset stamped)
    {
        var reading = new Reading(2, "dev-1", "thermostat", "lab", stamped, sequence, new Dictionary<string, double> { ["temperature"] = 20 }, 1);
        return StreamRecord.FromBytes("shardId-000000000000", sequence.ToString(CultureInfo.InvariantCulture), "dev-1", ReadingCodec.Encode(reading), arrival);
    }

    private sealed class CountingRollups : IRollupStore
    {
        public long Readings { get; private set; }

        public Task<RollupApplyResult> ApplyAsync(IReadOnlyList<WindowContributions> windows, CancellationToken cancellationToken)
        {
            Readings += windows.Where(w => w.Key.Resolution == Resolution.Minute).Sum(w => w.Readings.Count);
            return Task.FromResult(RollupApplyResult.Success);
        }
    }

    private sealed class KeptRejects : IRejectedStore
    {
        public List<RejectedRecord> Stored { get; } = [];

        public Task<IReadOnlyList<RejectedRecord>> StoreAsync(IReadOnlyList<RejectedRecord> rejects, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Stored.AddRange(rejects);
            return Task.FromResult<IReadOnlyList<RejectedRecord>>([]);
        }
    }
}
