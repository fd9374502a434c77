using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>
/// Measures the pipeline on a local stack of its own, each figure beside its baseline from the same run: the producer
/// against a raw PutRecords loop, the aggregator's DynamoDB write requests per reading against a per-reading-write
/// consumer, the end-to-end latency, and peak memory. docs/performance.md explains every figure.
/// </summary>
public sealed class BenchCommand(IAnsiConsole console, TimeProvider time) : AsyncCommand<BenchSettings>
{
    private const string ProducerStreamSuffix = "-bench-producer";
    private static readonly TimeSpan StreamPoll = TimeSpan.FromMilliseconds(200);

    public override async Task<int> ExecuteAsync(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        // Progress goes to stderr, so that --json output stays one object on stdout.
        Action<string> log = line => Console.Error.WriteLine(line);
        var dataDirectory = settings.ResolvedDataDirectory;
        if (BenchStack.Refusal(dataDirectory) is { } refusal)
        {
            console.MarkupLineInterpolated($"[red]{refusal}[/]");
            return ExitCodes.Usage;
        }

        try
        {
            // Inside the try: a start that fails half-way (or Ctrl+C) still stops what it started.
            var state = await BenchStack.StartFreshAsync(dataDirectory, settings.Shards, settings.ParsedFlushInterval, log, cancellationToken);
            var flushInterval = state.FlushInterval ?? PipelineConfig.EventSourceMapping("aggregator").TumblingWindow;
            var producer = await RunProducerAsync(state, settings, log, cancellationToken);
            var steady = await new SteadyRun(state, dataDirectory, time, log).RunAsync(settings, flushInterval, cancellationToken);
            var memory = new MemoryFigures(state.Functions is { } service ? PeakMemory.OfProcess(service.ProcessId) : null, PeakMemory.OfThisProcess());
            var report = new BenchReport(time.GetUtcNow(), settings, producer, steady, memory);
            var saved = await SaveAsync(report, BenchStack.ResultsDirectory(dataDirectory), cancellationToken);
            log($"Saved to {saved}; './telemetry cost --devices N --rate R' prices the newest result.");
            if (settings.Json)
            {
                JsonOutput.Write(console, report.ToJson());
            }
            else
            {
                report.Write(console);
            }

            return ExitCodes.Ok;
        }
        finally
        {
            if (settings.Keep)
            {
                log($"The bench stack keeps running in {dataDirectory}; stop it with './telemetry local down --data-dir {dataDirectory}'.");
            }
            else
            {
                await BenchStack.StopAsync(dataDirectory);
            }
        }
    }

    private static async Task<string> SaveAsync(BenchReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"bench-{report.At:yyyyMMdd'T'HHmmss'Z'}.json");
        await File.WriteAllTextAsync(path, report.ToJson() + Environment.NewLine, cancellationToken);
        return path;
    }

    private async Task<ProducerFigures> RunProducerAsync(LocalStackState state, BenchSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        // A stream of its own that no consumer reads: the producers are measured without the pipeline reading beside them.
        var stream = state.StreamName + ProducerStreamSuffix;
        var aggregatedStream = stream + "-kpl";
        using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        foreach (var name in new[] { stream, aggregatedStream })
        {
            await kinesis.CreateStreamAsync(name, settings.Shards, cancellationToken);
            while ((await kinesis.DescribeStreamSummaryAsync(name, cancellationToken)).StreamStatus != "ACTIVE")
            {
                await Task.Delay(StreamPoll, time, cancellationToken);
            }
        }

        // The simulator retries failed entries itself, as in the demo; a retrying client under it would multiply attempts.
        using var simulatorKinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis), maxRetries: 0);
        return await new ProducerBench(simulatorKinesis, stream, aggregatedStream, settings.Devices, seed: 42, time).RunAsync(settings.ProducerReadings, settings.Rounds, log, cancellationToken);
    }
}

/// <summary>Peak resident memory of the function service and of the bench process (simulator, baseline and probe).</summary>
internal sealed record MemoryFigures(long? FunctionService, long BenchProcess);
