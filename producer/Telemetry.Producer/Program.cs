using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Producer.Cli;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C flushes; a second one, while flushing, ends the process at once.
    if (!stop.IsCancellationRequested)
    {
        e.Cancel = true;
        stop.Cancel();
    }
};

var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // Spectre assumes 80 columns when it cannot ask a terminal; a file or a pipe has no width to respect.
    console.Profile.Width = 250;
}

var app = new CommandApp<ProduceCommand>();
app.Configure(config => ProducerApp.Configure(config, console, new EnvironmentKinesisClientFactory(), TimeProvider.System));
return await app.RunAsync(args, stop.Token);
