using System.Diagnostics;
using Telemetry.Processing.Metrics;

namespace Telemetry.Functions.Observability;

/// <summary>
/// Wraps each invocation of a function: counts what it does (<see cref="InvocationCounters"/>), then writes one
/// structured log line and its metrics as CloudWatch Embedded Metric Format lines to standard output, which Lambda
/// sends to CloudWatch Logs and CloudWatch turns into metrics without an API call (docs/function-metrics.md). The
/// local function service's output goes to functions.log, where <c>local status</c> reads the same lines.
/// </summary>
internal sealed class InvocationTelemetry(string function, IReadOnlyList<string> reported, TextWriter output, TimeProvider time)
{
    private int invocations;

    /// <summary>The function's name in the metrics: Lambda's own name when deployed, else the logical name.</summary>
    public string Function { get; } = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") is { Length: > 0 } deployed ? deployed : function;

    /// <summary>For functions that handle no batch (the watchdog).</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> run, Func<T, int> retried) => RunAsync(BatchSpan.None, run, retried);

    public async Task<T> RunAsync<T>(BatchSpan batch, Func<Task<T>> run, Func<T, int> retried)
    {
        ArgumentNullException.ThrowIfNull(run);
        var counters = InvocationCounters.Begin();
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var coldStart = Interlocked.Increment(ref invocations) == 1;
        InvocationCounters.Add(FunctionMetricNames.Records, batch.Records);
        try
        {
            var result = await run();
            InvocationCounters.Add(FunctionMetricNames.BatchItemFailures, retried(result));
            Report("INFO", "invocation done", error: null);
            return result;
        }
        catch (Exception ex)
        {
            // The metrics of a failed invocation count too: what it wrote stays written.
            Report("ERROR", "invocation failed", ex);
            throw;
        }

        void Report(string level, string message, Exception? error)
        {
            var counts = counters.Snapshot();
            foreach (var line in EmbeddedMetrics.Lines(Function, started, reported, counts, batch.AgeAt(started)))
            {
                output.WriteLine(line);
            }

            output.WriteLine(StructuredLog.Line(started, level, Function, message, batch, clock.Elapsed, coldStart, counts, error));
            output.Flush();
        }
    }
}
