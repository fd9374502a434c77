using Telemetry.Aws.Kinesis;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Devices;
using Telemetry.Producer.Faults;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Sending;

namespace Telemetry.Producer.Simulation;

/// <summary>
/// Runs a simulated fleet against a Kinesis stream: generates readings on schedule, plans the faults asked for
/// (<see cref="FaultPlanner"/>), sends records as they are released and accounts for each one, in the ledger too.
/// Paced runs follow wall time through the <see cref="TimeProvider"/>; unpaced runs send as fast as the stream
/// accepts. Cancellation stops generation and flushes what is buffered, held back or in flight, bounded by
/// <see cref="SimulatorOptions.FlushTimeout"/>.
/// </summary>
public sealed class Simulator(TimeProvider? timeProvider = null, Random? jitter = null)
{
    /// <summary>A round generates at most this many readings, so that progress and cancellation stay responsive.</summary>
    private const int MaxReadingsPerRound = 5000;

    /// <summary>Future-stamped poison is this far past the schedule's end: past the decoder's skew however slow the pipeline.</summary>
    private static readonly TimeSpan PoisonFuture = TimeSpan.FromDays(1);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Runs until every reading is generated and sent or <paramref name="cancellationToken"/> is cancelled.
    /// Does not throw for send failures: see <see cref="SimulatorResult.Failed"/> and <see cref="SimulatorResult.Fault"/>.
    /// </summary>
    /// <param name="ledger">Told what was generated, put and acknowledged; a private one when null.</param>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="SimulatorOptions.Validate"/>).</exception>
    public async Task<SimulatorResult> RunAsync(
        SimulatorOptions options,
        IKinesisClient client,
        IProgress<SimulatorProgress>? progress,
        CancellationToken cancellationToken,
        LedgerRecorder? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var started = _time.GetTimestamp();
        var total = options.TotalReadings;
        var fleet = Fleet.Generate(options.Devices, options.Seed, options.DeviceIdPrefix);
        var span = TimeSpan.FromSeconds(total / (options.Devices * options.RatePerDevice));
        var start = options.StartTime ?? (options.NoPace ? _time.GetUtcNow() - span : _time.GetUtcNow());
        // Validate has planned them already; the plan is pure, so this one is the same.
        AnomalyPlanner.TryPlan(options.Anomalies, fleet, options.RatePerDevice, total, options.Seed, out var anomalies, out _);
        var generator = new ReadingGenerator(fleet, start, options.RatePerDevice, anomalies);
        var expectedReadings = total - anomalies.SilencedReadings;
        var plannedAnomalies = anomalies.Anomalies.Select(a => LedgerAnomaly.From(a, generator.Start)).ToList();
        ledger ??= new LedgerRecorder(options.StreamName, options.Seed, _time.GetUtcNow(), options.Faults.AllowedLateness);
        ledger.Begin(fleet, generator.Boot);
        ledger.Planned(plannedAnomalies);
        var outcomes = new RoundOutcomes(ledger);
        var sender = new PutRecordsSender(client, options.StreamName, SenderOptionsFrom(options), _time, jitter, outcomes);
        sender.CallCompleted += (_, _) => Report();
        var run = new Run(
            options,
            generator,
            new FaultPlanner(options.Faults, fleet, options.Seed, options.RatePerDevice, generator.Start + span + PoisonFuture),
            new SendQueue(),
            sender,
            outcomes,
            ledger,
            started);

        // Sends outlive the caller's token by the flush timeout, so that Ctrl+C flushes instead of dropping.
        using var sendCancellation = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var flushDeadline = cancellationToken.Register(() => sendCancellation.CancelAfter(options.FlushTimeout));
        Exception? fault = null;
        try
        {
            await GenerateAndSendAsync(run, total, sendCancellation.Token, cancellationToken);
        }
        catch (Exception exception)
        {
            // The sender has already counted the records of the failed call; what is still held back never goes.
            fault = exception;
            var held = run.Queue.Drain().Select(r => r.Record).ToList();
            sender.CountAsFailed(held);
        }

        Report();
        return new SimulatorResult
        {
            Generated = generator.Generated,
            Sent = sender.Sent,
            Failed = sender.Failed,
            Retries = sender.Retries,
            LastSequenceNumberByShard = sender.HighestSequenceNumberByShard,
            Elapsed = _time.GetElapsedTime(started),
            Cancelled = cancellationToken.IsCancellationRequested,
            Fault = fault,
            Injected = ledger.Snapshot(_time.GetUtcNow(), complete: true).Sent,
            Anomalies = plannedAnomalies,
        };

        void Report() => progress?.Report(new SimulatorProgress
        {
            Total = expectedReadings,
            Generated = generator.Generated,
            Sent = sender.Sent,
            Failed = sender.Failed,
            Retries = sender.Retries,
            Elapsed = _time.GetElapsedTime(started),
            LastError = sender.LastError,
        });
    }

    private async Task GenerateAndSendAsync(Run run, long total, CancellationToken sendToken, CancellationToken stopToken)
    {
        var (options, generator) = (run.Options, run.Generator);
        // The round in flight. Unpaced, the next round is generated while it is sent: generating costs about as much
        // as sending, and rounds still go one after another, so each device's readings keep their order and a
        // duplicate still waits for the call that carried its original.
        var sending = Task.CompletedTask;
        // Slots, not readings: a silenced device leaves its slots empty.
        while (generator.Slot < total && !stopToken.IsCancellationRequested)
        {
            var round = _time.GetElapsedTime(run.Started);
            var limit = Math.Min(total, generator.Slot + MaxReadingsPerRound);
            while (generator.Slot < limit && (options.NoPace || generator.OffsetOf(generator.Slot) <= round))
            {
                Plan(run);
            }

            // Unpaced, the schedule's own clock is the next reading's time: what is released by then may go.
            var frontier = !options.NoPace ? round
                : generator.Slot < total ? generator.OffsetOf(generator.Slot)
                : TimeSpan.MaxValue;
            await sending;
            sending = SendAsync(run, run.Queue.TakeDue(frontier), sendToken);

            if (options.NoPace)
            {
                continue;
            }

            await sending;
            if (generator.Slot >= total)
            {
                continue;
            }

            var due = generator.OffsetOf(generator.Slot);
            if (run.Queue.NextRelease is { } release && release < due)
            {
                due = release;
            }

            if (due <= round)
            {
                // The round stopped at its size limit with readings still due, or a duplicate waited for its
                // original's call: waiting would cap the rate.
                continue;
            }

            var nextRound = Max(due, round + options.SendInterval);
            var wait = nextRound - _time.GetElapsedTime(run.Started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, stopToken);
                }
                catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        await sending;

        // The end of the run, or Ctrl+C: devices flush what they hold; duplicates go in calls after their originals.
        while (run.Queue.Count > 0)
        {
            await SendAsync(run, run.Queue.TakeDue(TimeSpan.MaxValue), sendToken);
        }
    }

    private void Plan(Run run)
    {
        var generator = run.Generator;
        var index = generator.Slot;
        var offset = generator.OffsetOf(index);
        var reading = generator.Next();
        // Unpaced readings are all sent after the schedule's end (now, when the run started); paced ones at their time.
        var reference = run.Options.NoPace ? generator.Start + generator.OffsetOf(run.Options.TotalReadings) : reading.Timestamp;
        var planned = run.Planner.Plan((int)(index % generator.Fleet.Devices.Count), reading, offset, reference, _time.GetUtcNow());
        run.Ledger.Generated(planned[0]);
        run.Queue.Add(planned);
    }

    private static async Task SendAsync(Run run, IReadOnlyList<PlannedRecord> records, CancellationToken sendToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        foreach (var record in records)
        {
            run.Ledger.Handed(record);
        }

        run.Outcomes.Begin(records);
        try
        {
            // The sender accounts for every record it is given, even when it throws.
            await run.Sender.SendAsync(records.Select(r => r.Record), sendToken);
        }
        finally
        {
            foreach (var record in records)
            {
                record.Sent = true;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static SenderOptions SenderOptionsFrom(SimulatorOptions options) => new()
    {
        MaxRetries = options.MaxRetries,
        BaseDelay = options.BaseBackoff,
        MaxDelay = options.MaxBackoff,
        Aggregate = options.Aggregate,
        MaxInFlight = options.InFlight,
    };

    private sealed record Run(
        SimulatorOptions Options,
        ReadingGenerator Generator,
        FaultPlanner Planner,
        SendQueue Queue,
        PutRecordsSender Sender,
        RoundOutcomes Outcomes,
        LedgerRecorder Ledger,
        long Started);

    /// <summary>Maps the sender's records back to the plan of the round in flight, for the ledger.</summary>
    private sealed class RoundOutcomes(LedgerRecorder ledger) : IRecordOutcomes
    {
        private Dictionary<OutgoingRecord, PlannedRecord> _round = [];

        public void Begin(IReadOnlyList<PlannedRecord> records) =>
            _round = records.ToDictionary<PlannedRecord, OutgoingRecord>(r => r.Record, ReferenceEqualityComparer.Instance);

        public void Acknowledged(OutgoingRecord record, string? shardId, string? sequenceNumber, int? subSequence) =>
            ledger.Acknowledged(_round[record], shardId, sequenceNumber, subSequence);

        // Nothing to record: a reading generated and never acknowledged is unacknowledged in the ledger.
        public void GivenUp(OutgoingRecord record)
        {
        }
    }
}
