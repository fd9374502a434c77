namespace Telemetry.Cli.Commands.Archive;

/// <summary>
/// Progress of a long read on stderr: a plain line at most every few seconds, which reads the same in a terminal,
/// a log and CI, and keeps stdout for the result.
/// </summary>
internal sealed class ProgressLine(TextWriter writer, TimeProvider time)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private DateTimeOffset _next = time.GetUtcNow() + Every;

    /// <summary>Writes <paramref name="text"/> when the last line is old enough; <paramref name="text"/> is built only then.</summary>
    public void Report(Func<string> text)
    {
        var now = time.GetUtcNow();
        if (now < _next)
        {
            return;
        }

        _next = now + Every;
        writer.WriteLine(text());
        writer.Flush();
    }

    /// <summary>Writes the closing line whatever the time.</summary>
    public void Done(string text)
    {
        writer.WriteLine(text);
        writer.Flush();
    }
}
