using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Telemetry.Producer.Simulation;

namespace Telemetry.Producer.Cli;

/// <summary>
/// Shows a run's progress: a live table on an interactive terminal, otherwise a plain line every few seconds,
/// which reads well in logs and CI output.
/// </summary>
public static class ProgressView
{
    private static readonly TimeSpan LiveRefresh = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    public static Task<SimulatorResult> RunAsync(
        IAnsiConsole console,
        TimeProvider timeProvider,
        SimulatorOptions options,
        Func<IProgress<SimulatorProgress>, Task<SimulatorResult>> run)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RunAsync(
            console,
            timeProvider,
            $"Simulating [bold]{options.Devices}[/] devices at {options.RatePerDevice.ToString(CultureInfo.InvariantCulture)}/s each into stream [bold]{Markup.Escape(options.StreamName)}[/] ({options.TotalReadings} readings{(options.NoPace ? ", unpaced" : string.Empty)}). Ctrl+C stops and flushes.",
            run);
    }

    /// <summary>Runs <paramref name="run"/> under a live table (or plain lines when not a terminal), after <paramref name="header"/> (markup).</summary>
    public static async Task<SimulatorResult> RunAsync(
        IAnsiConsole console,
        TimeProvider timeProvider,
        string header,
        Func<IProgress<SimulatorProgress>, Task<SimulatorResult>> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var sink = new LatestProgress();
        console.MarkupLine(header);
        var running = run(sink);
        if (console.Profile.Capabilities.Interactive && console.Profile.Out.IsTerminal)
        {
            await console.Live(Render(sink.Latest)).AutoClear(false).StartAsync(async live =>
            {
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(LiveRefresh, timeProvider));
                    live.UpdateTarget(Render(sink.Latest));
                }
            });
        }
        else
        {
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(PlainEvery, timeProvider));
                if (!running.IsCompleted && sink.Latest is { } snapshot)
                {
                    console.WriteLine(PlainLine(snapshot));
                }
            }
        }

        return await running;
    }

    public static string PlainLine(SimulatorProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"sent {p.Sent}/{p.Total}  {p.SentPerSecond:F1}/s  retries {p.Retries}  failed {p.Failed}  elapsed {p.Elapsed:hh\\:mm\\:ss}");

    private static IRenderable Render(SimulatorProgress? p)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("sent", "of", "rate/s", "retries", "failed", "elapsed");
        if (p is null)
        {
            return table.AddRow("0", "…", "-", "0", "0", "00:00:00");
        }

        table.AddRow(
            p.Sent.ToString(CultureInfo.InvariantCulture),
            p.Total.ToString(CultureInfo.InvariantCulture),
            p.SentPerSecond.ToString("F1", CultureInfo.InvariantCulture),
            p.Retries.ToString(CultureInfo.InvariantCulture),
            p.Failed > 0 ? $"[red]{p.Failed}[/]" : "0",
            p.Elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        return p.LastError is null
            ? table
            : new Rows(table, new Text($"last error: {p.LastError}", new Style(Color.Yellow)));
    }
}
