using Telemetry.Processing.Streams;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// The alerter's part in the silence watch (docs/alerter.md): when each device was last heard from, a silence the
/// watchdog missed because it ended between two of its runs, and how far behind the stream each shard is read.
/// </summary>
internal sealed class LastSeenRecorder(AlertRuleSet rules, ISeenStore seen, TimeSpan lastSeenLag)
{
    private const int ConflictAttempts = 5;

    // What this instance last wrote per device and per shard: a warm function writes each about once per lag.
    private readonly Dictionary<string, DateTimeOffset> written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShardLag> lagWritten = new(StringComparer.Ordinal);

    /// <summary>Records the devices heard from (each list one device's records); returns the ids of those not recorded.</summary>
    public async Task<IReadOnlySet<string>> RecordAsync(IReadOnlyList<IReadOnlyList<ClassifiedRecord>> devices, CancellationToken cancellationToken)
    {
        var heard = devices.Select(Heard).OfType<(SeenUpdate Update, IReadOnlyList<HeardReading> Readings)>().ToList();
        var recording = await seen.RecordAsync([.. heard.Select(h => h.Update)], cancellationToken);
        var refused = recording.Refused.ToHashSet();
        var failed = new HashSet<string>(recording.Failed.Select(u => u.DeviceId), StringComparer.Ordinal);
        foreach (var (update, readings) in heard.Where(h => refused.Contains(h.Update)))
        {
            if (!await RecordRefusedAsync(update, readings, cancellationToken))
            {
                failed.Add(update.DeviceId);
            }
        }

        foreach (var (update, _) in heard.Where(h => !failed.Contains(h.Update.DeviceId)))
        {
            written[update.DeviceId] = update.LastArrival;
        }

        return failed;
    }

    /// <summary>
    /// Records, per shard of <paramref name="records"/>, how far behind the stream this batch was processed: once per
    /// lag by this instance, or at once when the lag moved by more than that, so that falling behind or catching
    /// up reaches the watchdog before a silence could be judged wrongly.
    /// </summary>
    public async Task RecordLagAsync(IReadOnlyList<ClassifiedRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var shard in records.GroupBy(r => r.ShardId, StringComparer.Ordinal))
        {
            var behind = now - shard.Max(r => r.Source.ApproximateArrivalTime);
            var lag = new ShardLag(shard.Key, behind > TimeSpan.Zero ? behind : TimeSpan.Zero, now);
            if (lagWritten.TryGetValue(shard.Key, out var last)
                && now - last.MeasuredAt < lastSeenLag
                && (lag.Behind - last.Behind).Duration() < lastSeenLag)
            {
                continue;
            }

            // A lag not written is measured again with the next batch; failing the batch for it would only delay that.
            if (await seen.RecordLagAsync(lag, cancellationToken))
            {
                lagWritten[shard.Key] = lag;
            }
        }
    }

    // The device's newest arrival and its readings, when what this instance last wrote for it is more than the lag older.
    private (SeenUpdate Update, IReadOnlyList<HeardReading> Readings)? Heard(IReadOnlyList<ClassifiedRecord> records)
    {
        var newest = records.MaxBy(r => r.Source.ApproximateArrivalTime)!;
        var reading = newest.Accepted!.Reading;
        var arrival = newest.Source.ApproximateArrivalTime;
        if (written.TryGetValue(reading.DeviceId, out var last) && arrival - last < lastSeenLag)
        {
            return null;
        }

        var readings = records.Select(r => new HeardReading(r.Source.ApproximateArrivalTime, r.Accepted!.Reading.Timestamp)).ToList();
        var update = new SeenUpdate(reading.DeviceId, reading.DeviceType, reading.Site, records.Max(r => r.Accepted!.Reading.Timestamp), arrival)
        {
            ShardId = newest.ShardId,
            GapFloor = SilenceWatch.GapFloor(reading.DeviceType, readings, rules, lastSeenLag),
            // The newest measurement, by the device's clock: arrivals of one batch are often the same.
            Latest = records.MaxBy(r => r.Accepted!.Reading.Timestamp)!.Accepted!.Reading.Metrics,
        };
        return (update, readings);
    }

    // Refused: heard from later already (a replay, another shard), or quiet before these readings for longer than a
    // silence, which the watchdog may have missed. The store's answer does not say which, so read and decide; the
    // write is conditioned on what was read, so of the watchdog deciding meanwhile and this, only one reports it.
    private async Task<bool> RecordRefusedAsync(SeenUpdate update, IReadOnlyList<HeardReading> readings, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConflictAttempts; attempt++)
        {
            var stored = await seen.ReadAsync(update.DeviceId, cancellationToken);
            if (stored is not null && stored.Device.LastArrival >= update.LastArrival)
            {
                return true;
            }

            var missed = stored is null ? [] : SilenceWatch.Missed(stored.Device, update, readings, rules, lastSeenLag);
            if (await seen.RecordAfterAsync(stored, update, [.. stored?.Outbox ?? [], .. missed], cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
