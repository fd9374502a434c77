using Spectre.Console;
using Spectre.Console.Cli;

namespace Telemetry.Producer.Cli;

/// <summary>Wires the producer's command line; <c>Program</c> and the tests configure it the same way.</summary>
public static class ProducerApp
{
    public const string Name = "telemetry-producer";

    /// <summary>
    /// Registers the services <see cref="ProduceCommand"/> needs and maps every parse or validation error to
    /// <see cref="ExitCodes.BadConfiguration"/> with its message on <paramref name="console"/>.
    /// </summary>
    public static void Configure(IConfigurator config, IAnsiConsole console, IKinesisClientFactory clients, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.SetApplicationName(Name);
        config.UseStrictParsing();
        config.ConfigureConsole(console);
        config.Settings.Registrar.RegisterInstance<IAnsiConsole>(console);
        config.Settings.Registrar.RegisterInstance<IKinesisClientFactory>(clients);
        config.Settings.Registrar.RegisterInstance<TimeProvider>(timeProvider);
        config.AddExample("--devices", "50", "--duration", "30s");
        config.AddExample("--readings", "10000", "--no-pace", "--json");
        config.SetExceptionHandler((exception, _) =>
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {exception.Message}");
            return ExitCodes.BadConfiguration;
        });
    }
}
