using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Producer.Devices;
using Telemetry.Producer.Simulation;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>
/// The paced fleet at its steady rate through the whole pipeline, with the per-reading baseline consuming the same
/// records and the latency probe polling a sample of rollups; counts the aggregator's DynamoDB calls over the run.
/// </summary>
internal sealed class SteadyRun(LocalStackState state, string dataDirectory, TimeProvider time, Action<string> log)
{
    private const string Aggregator = "aggregator";
    private const string Alerter = "alerter";
    private static readonly TimeSpan StatusWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    public async Task<SteadyFigures> RunAsync(BenchSettings settings, TimeSpan flushInterval, CancellationToken cancellationToken)
    {
        using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis), maxRetries: 0);
        using var baselineKinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        var baselineCalls = new DynamoDbCallCounter();
        using var baselineDynamo = baselineCalls.Attach(LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb)));
        using var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
        var baseline = new PerReadingBaseline(baselineKinesis, baselineDynamo, baselineCalls, state.StreamName, state.TableName + "-bench-per-reading", time);
        await baseline.PrepareAsync(cancellationToken);
        var aggregatorBefore = await ReadCallsAsync(Aggregator, cancellationToken);
        var alerterBefore = CallCounts.Read(dataDirectory, Alerter);

        // The schedule starts now, after everything above: the paced simulator sends each reading at its timestamp,
        // which the latency probe takes for the moment it was produced.
        var start = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var options = new SimulatorOptions
        {
            Devices = settings.Devices,
            RatePerDevice = settings.Rate,
            Duration = settings.ParsedDuration,
            StreamName = state.StreamName,
            DeviceIdPrefix = $"bench{start:HHmmss}-",
            StartTime = start,
            Aggregate = settings.Aggregate,
        };
        var fleet = Fleet.Generate(options.Devices, options.Seed, options.DeviceIdPrefix);
        var perDevice = options.TotalReadings / options.Devices;
        var probe = new LatencyProbe(new RollupReader(dynamo, state.TableName), fleet, start, options.RatePerDevice, perDevice, settings.LatencyDevices, time);

        long sent = -1; // -1 until the simulator has said how many it put
        // Ends the baseline and the probe at their deadline, at Ctrl+C, and when anything below fails.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var baselineTask = baseline.RunAsync(() => Interlocked.Read(ref sent) is var n and >= 0 ? n : null, deadline.Token);
            var probeTask = probe.RunAsync(deadline.Token);

            log($"steady run: {options.Devices:N0} devices at {options.RatePerDevice} reading/s for {settings.Duration}, flush interval {flushInterval.TotalSeconds:N0} s");
            var result = await new Simulator(time).RunAsync(options, kinesis, null, cancellationToken);
            if (result.Cancelled)
            {
                throw new OperationCanceledException("The bench was interrupted during the steady run.", cancellationToken);
            }

            if (!result.AllSent)
            {
                throw new InvalidOperationException($"The simulator could not put every reading of the steady run: {result.Failed} failed{(result.Fault is { } fault ? $" ({fault.Message})" : "")}.");
            }

            Interlocked.Exchange(ref sent, result.Sent);
            var wait = flushInterval + settings.ParsedCatchUpTimeout;
            deadline.CancelAfter(wait);
            var catchUpStarted = time.GetTimestamp();
            // Both consumers are timed from the same moment: the alerter may well finish first.
            var alerterCatchingUp = AlerterCatchUpAsync(result.LastSequenceNumberByShard, catchUpStarted, wait, cancellationToken);
            await LocalConsumer.WaitUntilCaughtUpAsync(Aggregator, state, dataDirectory, result.LastSequenceNumberByShard, wait, time, cancellationToken);
            var catchUp = time.GetElapsedTime(catchUpStarted);
            log($"aggregator caught up {catchUp.TotalSeconds:N1} s after the simulator stopped");
            var aggregator = (await ReadCallsAsync(Aggregator, cancellationToken)).Since(aggregatorBefore);

            // The alerter's figures count only once it has read the whole run too; how long that takes is a figure itself.
            var alerterCatchUp = await alerterCatchingUp;
            log(alerterCatchUp is { } caughtUp ? $"alerter caught up {caughtUp.TotalSeconds:N1} s after the simulator stopped" : "the alerter did not catch up in time: its figures are partial");
            var alerter = (await ReadCallsAsync(Alerter, cancellationToken)).Since(alerterBefore);

            var waiting = Task.WhenAll(AwaitDeadline(baselineTask), probeTask);
            while (await Task.WhenAny(waiting, Task.Delay(ProgressEvery, time, cancellationToken)) != waiting)
            {
                log($"waiting: the per-reading baseline has written {baseline.Readings:N0} of {result.Sent:N0} readings; {probe.Visible:N0} of {probe.Expected:N0} sampled readings are visible");
            }

            if (baseline.Readings < result.Sent)
            {
                throw new TimeoutException($"The per-reading baseline consumed {baseline.Readings:N0} of {result.Sent:N0} readings within {wait.TotalSeconds:N0} s.");
            }

            return new SteadyFigures(
                options.Devices,
                options.RatePerDevice,
                settings.ParsedDuration,
                flushInterval,
                result.Sent,
                catchUp,
                alerterCatchUp,
                aggregator,
                alerter,
                baseline.Writes,
                baseline.WriteUnits,
                probe.Devices,
                probe.Expected,
                probe.Visible,
                probe.Latencies);
        }
        finally
        {
            await deadline.CancelAsync();
        }
    }

    private async Task<TimeSpan?> AlerterCatchUpAsync(IReadOnlyDictionary<string, string> targets, long simulatorStopped, TimeSpan deadline, CancellationToken cancellationToken)
    {
        if (!PipelineConfig.StreamConsumers().Contains(Alerter))
        {
            return null;
        }

        try
        {
            await LocalConsumer.WaitUntilCaughtUpAsync(Alerter, state, dataDirectory, targets, deadline, time, cancellationToken);
            return time.GetElapsedTime(simulatorStopped);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    // The status file is rewritten every second: one written after now counts every call made so far.
    private async Task<CallCounts> ReadCallsAsync(string function, CancellationToken cancellationToken)
    {
        var asked = time.GetUtcNow();
        var giveUpAt = asked + StatusWait;
        while (!(FunctionServiceStatus.Load(dataDirectory)?.UpdatedAt > asked))
        {
            if (time.GetUtcNow() >= giveUpAt)
            {
                throw new TimeoutException($"The function service has not rewritten its status for {StatusWait.TotalSeconds:N0} s, so its counters cannot be read (see './telemetry local logs --component functions --data-dir {dataDirectory}').");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }

        return CallCounts.Read(dataDirectory, function);
    }

    private static async Task AwaitDeadline(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Ran out of time; the caller compares what it consumed with what was sent.
        }
    }
}

/// <summary>What the steady run measured.</summary>
internal sealed record SteadyFigures(
    int Devices,
    double RatePerDevice,
    TimeSpan Duration,
    TimeSpan FlushInterval,
    long Readings,
    TimeSpan CatchUp,
    TimeSpan? AlerterCatchUp,
    CallCounts Aggregator,
    CallCounts Alerter,
    long BaselineWrites,
    double BaselineWriteUnits,
    int LatencyDevices,
    long LatencyExpected,
    long LatencyVisible,
    IReadOnlyList<double> Latencies)
{
    /// <summary>Every sampled reading became visible: only then can the p99 stand for the run.</summary>
    public bool LatencyComplete => LatencyVisible >= LatencyExpected;

    public double AggregatorWritesPerReading => (double)Aggregator.Writes / Readings;

    public double BaselineWritesPerReading => (double)BaselineWrites / Readings;

    public double AggregatorWriteUnitsPerReading => Aggregator.WriteUnits / Readings;

    public double BaselineWriteUnitsPerReading => BaselineWriteUnits / Readings;

    /// <summary>How many times fewer write requests the aggregator sends than the per-reading baseline.</summary>
    public double WriteReduction => Aggregator.Writes == 0 ? double.PositiveInfinity : (double)BaselineWrites / Aggregator.Writes;

    /// <summary>
    /// What the aggregator processes per second it is invoked: the consumer's rate apart from the flush interval's wait,
    /// which its catch-up includes. Invocations of different shards may overlap, so this is a rate per shard's worker.
    /// </summary>
    public double AggregatorReadingsPerBilledSecond => Aggregator.BilledMilliseconds == 0 ? 0 : Readings / (Aggregator.BilledMilliseconds / 1000.0);

    /// <summary>The same in write capacity units, what an on-demand table bills: the aggregator's items are larger.</summary>
    public double WriteUnitReduction => Aggregator.WriteUnits == 0 ? double.PositiveInfinity : BaselineWriteUnits / Aggregator.WriteUnits;
}
