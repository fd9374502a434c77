using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;

namespace Telemetry.Producer.Cli;

/// <summary>Wires the producer's command line; <c>Program</c> and the tests configure it the same way.</summary>
public static class ProducerApp
{
    public const string Name = "telemetry-producer";

    /// <summary>
    /// Registers the services <see cref="ProduceCommand"/> needs and maps every parse or validation error to
    /// <see cref="ExitCodes.Usage"/> with its message on <paramref name="console"/>.
    /// </summary>
    public static void Configure(IConfigurator config, IAnsiConsole console, IKinesisClientFactory clients, TimeProvider timeProvider, IPulumiCommand? pulumi = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.SetApplicationName(Name);
        config.UseStrictParsing();
        config.ConfigureConsole(console);
        config.Settings.Registrar.RegisterInstance<IAnsiConsole>(console);
        config.Settings.Registrar.RegisterInstance<IKinesisClientFactory>(clients);
        config.Settings.Registrar.RegisterInstance<TimeProvider>(timeProvider);
        config.Settings.Registrar.RegisterInstance<IPulumiCommand>(pulumi ?? new PulumiProcess());
        config.AddExample("--devices", "50", "--duration", "30s");
        config.AddExample("--readings", "10000", "--no-pace", "--json");
        config.AddExample("--stack", "dev", "--devices", "100", "--duration", "5m");
        config.SetExceptionHandler((exception, _) =>
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {exception.Message}");
            return ExitCodes.Usage;
        });
    }
}
