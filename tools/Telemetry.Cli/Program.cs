using Spectre.Console;
using Telemetry.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks commands to finish cleanly (flush, checkpoint); a second one kills.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

return await TelemetryApp.Create(AnsiConsole.Console).RunAsync(args, cancellation.Token);
