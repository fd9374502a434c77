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

var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // Spectre assumes 80 columns when it cannot ask a terminal; a file or a pipe has no width to respect.
    console.Profile.Width = 250;
}

return await TelemetryApp.Create(console).RunAsync(args, cancellation.Token);
