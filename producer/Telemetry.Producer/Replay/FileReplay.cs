using Telemetry.Aws.Kinesis;
using Telemetry.Producer.Sending;
using Telemetry.Producer.Simulation;

namespace Telemetry.Producer.Replay;

/// <summary>
/// Sends the readings of a <see cref="ReplayFile"/> to a stream again, as they were (same bytes, so the same reading
/// identities: a stream that counted them already counts nothing twice), paced by their timestamps: a reading goes
/// out when the time since the first, divided by the speed-up factor, has passed; a factor of 0 sends them as fast
/// as the stream accepts.
/// </summary>
public sealed class FileReplay(TimeProvider? timeProvider = null)
{
    private const int MaxRecordsPerRound = 5000;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Pack the readings into KPL aggregated records by shard (<see cref="SenderOptions.Aggregate"/>).</summary>
    public bool Aggregate { get; init; }

    /// <summary>PutRecords calls in flight at once (<see cref="SenderOptions.MaxInFlight"/>).</summary>
    public int InFlight { get; init; } = 1;

    /// <summary>Sends every reading of <paramref name="file"/> until done or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<SimulatorResult> RunAsync(
        ReplayFile file, string streamName, double speed, IKinesisClient client, IProgress<SimulatorProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegative(speed);
        var started = _time.GetTimestamp();
        var sender = new PutRecordsSender(client, streamName, new SenderOptions { Aggregate = Aggregate, MaxInFlight = InFlight }, _time);
        var records = file.Records;
        var next = 0;
        sender.CallCompleted += (_, _) => Report();
        Exception? fault = null;
        try
        {
            while (next < records.Count && !cancellationToken.IsCancellationRequested)
            {
                var elapsed = _time.GetElapsedTime(started);
                var round = new List<OutgoingRecord>();
                while (next < records.Count && round.Count < MaxRecordsPerRound && (speed == 0 || Due(records, next, speed) <= elapsed))
                {
                    round.Add(records[next++].Record);
                }

                if (round.Count > 0)
                {
                    await sender.SendAsync(round, cancellationToken);
                    Report();
                    continue;
                }

                var wait = Due(records, next, speed) - elapsed;
                await Task.Delay(wait < MaxWait ? wait : MaxWait, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            fault = exception;
        }

        Report();
        return new SimulatorResult
        {
            Generated = records.Count,
            Sent = sender.Sent,
            Failed = sender.Failed + (records.Count - next),
            Retries = sender.Retries,
            LastSequenceNumberByShard = sender.HighestSequenceNumberByShard,
            Elapsed = _time.GetElapsedTime(started),
            Cancelled = cancellationToken.IsCancellationRequested,
            Fault = fault,
        };

        void Report() => progress?.Report(new SimulatorProgress
        {
            Total = records.Count,
            Generated = next,
            Sent = sender.Sent,
            Failed = sender.Failed,
            Retries = sender.Retries,
            Elapsed = _time.GetElapsedTime(started),
            LastError = sender.LastError,
        });
    }

    // When the reading at index is due, counted from the start of the run.
    private static TimeSpan Due(IReadOnlyList<(DateTimeOffset Timestamp, OutgoingRecord Record)> records, int index, double speed) =>
        (records[index].Timestamp - records[0].Timestamp) / speed;
}
