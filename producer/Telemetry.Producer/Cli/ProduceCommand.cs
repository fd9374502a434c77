using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;
using Telemetry.Producer.Simulation;

namespace Telemetry.Producer.Cli;

/// <summary>Simulates a fleet of devices and puts their readings on the Kinesis stream.</summary>
public sealed class ProduceCommand(IAnsiConsole console, IKinesisClientFactory clients, TimeProvider timeProvider, IPulumiCommand pulumi)
    : AsyncCommand<ProduceCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-d|--devices <COUNT>")]
        [Description("Number of simulated devices, of every kind in turn (thermostat, cold-storage, vibration). Example: --devices 50")]
        [DefaultValue(10)]
        public int Devices { get; init; } = 10;

        [CommandOption("-r|--rate <PER_SECOND>")]
        [Description("Readings per second per device. Example: --rate 0.5 (one reading every 2 s)")]
        [DefaultValue(1.0)]
        public double Rate { get; init; } = 1.0;

        [CommandOption("--duration <TIME>")]
        [Description("How long to simulate: 500ms, 30s, 5m, 1.5h, 2d or a clock like 00:01:30 (a bare number is refused). Example: --duration 5m. Default 60s; not with --readings")]
        public string? Duration { get; init; }

        [CommandOption("-n|--readings <COUNT>")]
        [Description("Total readings to send across the fleet, instead of a duration. Example: --readings 10000")]
        public long? Readings { get; init; }

        [CommandOption("-s|--stream <NAME>")]
        [Description("Kinesis stream to write to; default $TELEMETRY_STREAM or 'telemetry'. Example: --stream telemetry-dev")]
        public string? Stream { get; init; }

        [CommandOption("--stack <NAME>")]
        [Description("Send to a deployed Pulumi stack: its stream name and region come from 'pulumi stack output' (run inside the repository). Example: --stack dev")]
        public string? Stack { get; init; }

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the fleet and its signals; the same seed gives the same readings. Example: --seed 7")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;

        [CommandOption("--no-pace|--fast")]
        [Description("Send as fast as the stream accepts; timestamps stay spaced by the rate and end now. Example: --no-pace")]
        public bool NoPace { get; init; }

        [CommandOption("--json")]
        [Description("Print one JSON summary object at the end instead of the live display. Example: --json")]
        public bool Json { get; init; }

        public SimulatorOptions ToOptions() => new()
        {
            Devices = Devices,
            RatePerDevice = Rate,
            Duration = Duration is null ? null : Durations.TryParse(Duration, out var duration) ? duration : throw new FormatException(DurationError(Duration)),
            Readings = Readings,
            StreamName = Stream ?? PipelineNames.Stream,
            Seed = Seed,
            NoPace = NoPace,
        };

        public override ValidationResult Validate()
        {
            if (Duration is not null && !Durations.TryParse(Duration, out _))
            {
                return ValidationResult.Error(DurationError(Duration));
            }

            var errors = ToOptions().Validate();
            return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join(Environment.NewLine, errors));
        }

        private static string DurationError(string text) =>
            $"'{text}' is not a duration; use for example --duration {Durations.Examples}.";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.ToOptions();

        IKinesisClient client;
        try
        {
            string? region = null;
            if (settings.Stack is not null)
            {
                var stack = await PulumiStackOutputs.ReadAsync(pulumi, settings.Stack, Directory.GetCurrentDirectory(), cancellationToken);
                options = options with { StreamName = settings.Stream ?? stack.StreamName };
                region = stack.Region;
            }

            client = clients.Create(region);
        }
        catch (Exception exception) when (exception is AwsConfigurationException or ArgumentException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[red]Configuration:[/] {exception.Message}");
            return ExitCodes.Usage;
        }

        SimulatorResult result;
        try
        {
            var simulator = new Simulator(timeProvider);
            result = settings.Json
                ? await simulator.RunAsync(options, client, progress: null, cancellationToken)
                : await ProgressView.RunAsync(console, timeProvider, options, p => simulator.RunAsync(options, client, p, cancellationToken));
        }
        finally
        {
            (client as IDisposable)?.Dispose();
        }

        if (settings.Json)
        {
            SummaryWriter.WriteJson(console, options, result);
        }
        else
        {
            SummaryWriter.WritePretty(console, options, result);
        }

        return result.Fault is not null ? ExitCodes.Usage
            : result.Failed > 0 ? ExitCodes.Failed
            : ExitCodes.Ok;
    }
}
