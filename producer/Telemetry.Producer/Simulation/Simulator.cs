using Telemetry.Aws.Kinesis;
using Telemetry.Producer.Devices;
using Telemetry.Producer.Sending;

namespace Telemetry.Producer.Simulation;

/// <summary>
/// Runs a simulated fleet against a Kinesis stream: generates readings on schedule, batches them, sends them and
/// accounts for each one. Paced runs follow wall time through the <see cref="TimeProvider"/>; unpaced runs send as
/// fast as the stream accepts. Cancellation stops generation and flushes what is buffered or in flight, bounded by
/// <see cref="SimulatorOptions.FlushTimeout"/>.
/// </summary>
public sealed class Simulator(TimeProvider? timeProvider = null, Random? jitter = null)
{
    /// <summary>A round generates at most this many readings, so that progress and cancellation stay responsive.</summary>
    private const int MaxReadingsPerRound = 5000;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Runs until every reading is generated and sent or <paramref name="cancellationToken"/> is cancelled.
    /// Does not throw for send failures: see <see cref="SimulatorResult.Failed"/> and <see cref="SimulatorResult.Fault"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="SimulatorOptions.Validate"/>).</exception>
    public async Task<SimulatorResult> RunAsync(
        SimulatorOptions options,
        IKinesisClient client,
        IProgress<SimulatorProgress>? progress,
        CancellationToken cancellationToken)
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
        var generator = new ReadingGenerator(fleet, start, options.RatePerDevice);
        var sender = new PutRecordsSender(client, options.StreamName, SenderOptionsFrom(options), _time, jitter);
        sender.CallCompleted += (_, _) => Report();

        // Sends outlive the caller's token by the flush timeout, so that Ctrl+C flushes instead of dropping.
        using var sendCancellation = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var flushDeadline = cancellationToken.Register(() => sendCancellation.CancelAfter(options.FlushTimeout));
        Exception? fault = null;
        try
        {
            await GenerateAndSendAsync(options, generator, sender, total, started, sendCancellation.Token, cancellationToken);
        }
        catch (Exception exception)
        {
            // The sender has already counted the records of the failed call; the run ends here and reports why.
            fault = exception;
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
        };

        void Report() => progress?.Report(new SimulatorProgress
        {
            Total = total,
            Generated = generator.Generated,
            Sent = sender.Sent,
            Failed = sender.Failed,
            Retries = sender.Retries,
            Elapsed = _time.GetElapsedTime(started),
            LastError = sender.LastError,
        });
    }

    private async Task GenerateAndSendAsync(
        SimulatorOptions options,
        ReadingGenerator generator,
        PutRecordsSender sender,
        long total,
        long started,
        CancellationToken sendToken,
        CancellationToken stopToken)
    {
        var buffer = new List<OutgoingRecord>();
        while (generator.Generated < total && !stopToken.IsCancellationRequested)
        {
            var round = _time.GetElapsedTime(started);
            var limit = Math.Min(total, generator.Generated + MaxReadingsPerRound);
            while (generator.Generated < limit && (options.NoPace || generator.OffsetOf(generator.Generated) <= round))
            {
                buffer.Add(OutgoingRecord.From(generator.Next()));
            }

            if (buffer.Count > 0)
            {
                // The sender accounts for every record it is given, even when it throws.
                var records = buffer.ToArray();
                buffer.Clear();
                await sender.SendAsync(records, sendToken);
            }

            if (options.NoPace || generator.Generated >= total)
            {
                continue;
            }

            var due = generator.OffsetOf(generator.Generated);
            if (due <= round)
            {
                // The round stopped at its size limit with readings still due: waiting would cap the rate.
                continue;
            }

            var nextRound = Max(due, round + options.SendInterval);
            var wait = nextRound - _time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, stopToken);
                }
                catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static SenderOptions SenderOptionsFrom(SimulatorOptions options) => new()
    {
        MaxRetries = options.MaxRetries,
        BaseDelay = options.BaseBackoff,
        MaxDelay = options.MaxBackoff,
    };
}
