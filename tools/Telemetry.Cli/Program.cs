using Telemetry.Cli;
using Telemetry.Producer.Cli;

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

// `kill` (SIGTERM) asks the same as Ctrl+C: a tail removes its queue, a simulator flushes, the demo switches faults off.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    if (!cancellation.IsCancellationRequested)
    {
        context.Cancel = true;
        cancellation.Cancel();
    }
});

var console = ProcessConsole.Create();

return await TelemetryApp.Create(console).RunAsync(args, cancellation.Token);
