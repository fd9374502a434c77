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

var console = ProcessConsole.Create();

var app = new CommandApp<ProduceCommand>();
app.Configure(config => ProducerApp.Configure(config, console, new EnvironmentKinesisClientFactory(), TimeProvider.System));
return await app.RunAsync(args, stop.Token);
