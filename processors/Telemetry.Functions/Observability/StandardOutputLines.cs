using System.Text;

namespace Telemetry.Functions.Observability;

/// <summary>
/// Standard output's own descriptor, for the metric and log lines. Lambda's .NET runtime wraps <see cref="Console.Out"/>
/// so that each line gets <c>timestamp\trequestId\tinfo\t</c> in front (log format Text); written here, each line
/// stays one whole JSON object, as CloudWatch's Embedded Metric Format extraction and Logs Insights' JSON fields read it.
/// </summary>
internal static class StandardOutputLines
{
    // One write per line: a buffer larger than any line, flushed after each, and a lock, since the local function
    // service runs the aggregator and the alerter side by side in one process.
    public static TextWriter Writer { get; } = TextWriter.Synchronized(
        new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 256 * 1024) { AutoFlush = true });
}
