using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;
using Telemetry.Processing.Alerts;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Faults;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Replay;
using Telemetry.Producer.Simulation;

namespace Telemetry.Producer.Cli;

/// <summary>Simulates a fleet of devices and puts their readings on the Kinesis stream.</summary>
public sealed class ProduceCommand(IAnsiConsole console, IKinesisClientFactory clients, TimeProvider timeProvider, IPulumiCommand pulumi)
    : AsyncCommand<ProduceCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        // Named once: the help's defaults, the initial values, and --replay's check that none was changed.
        private const int DefaultDevices = 10;
        private const double DefaultRate = 1.0;
        private const int DefaultSeed = 42;

        [CommandOption("-d|--devices <COUNT>")]
        [Description("Number of simulated devices, of every kind in turn (thermostat, cold-storage, vibration). Example: --devices 50")]
        [DefaultValue(DefaultDevices)]
        public int Devices { get; init; } = DefaultDevices;

        [CommandOption("-r|--rate <PER_SECOND>")]
        [Description("Readings per second per device. Example: --rate 0.5 (one reading every 2 s)")]
        [DefaultValue(DefaultRate)]
        public double Rate { get; init; } = DefaultRate;

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
        [DefaultValue(DefaultSeed)]
        public int Seed { get; init; } = DefaultSeed;

        [CommandOption("--no-pace|--fast")]
        [Description("Send as fast as the stream accepts; timestamps stay spaced by the rate and end now. Example: --no-pace")]
        public bool NoPace { get; init; }

        [CommandOption("--aggregate")]
        [Description("Pack readings into KPL aggregated records (by shard, up to 50 KiB each): many readings per Kinesis record, as the Kinesis Producer Library sends them. Example: --aggregate")]
        public bool Aggregate { get; init; }

        [CommandOption("--in-flight <CALLS>")]
        [Description("PutRecords calls in flight at once (1 to 64); each device's readings stay in one lane, in order. Example: --in-flight 8")]
        [DefaultValue(SimulatorOptions.DefaultInFlight)]
        public int InFlight { get; init; } = SimulatorOptions.DefaultInFlight;

        [CommandOption("--json")]
        [Description("Print one JSON summary object at the end instead of the live display. Example: --json")]
        public bool Json { get; init; }

        [CommandOption("--duplicates <RATE>")]
        [Description("Fraction (0 to 1) of readings put a second time, byte-identical, in a later PutRecords call, as a producer retry would. Example: --duplicates 0.1")]
        [DefaultValue(0.0)]
        public double Duplicates { get; init; }

        [CommandOption("--out-of-order <RATE>")]
        [Description("Fraction of readings held back and sent after later readings of the same device. Example: --out-of-order 0.05")]
        [DefaultValue(0.0)]
        public double OutOfOrder { get; init; }

        [CommandOption("--late <RATE>")]
        [Description("Fraction of readings stamped hours late but well inside --lateness: they must still count. Example: --late 0.05")]
        [DefaultValue(0.0)]
        public double Late { get; init; }

        [CommandOption("--too-late <RATE>")]
        [Description("Fraction of readings stamped beyond --lateness: the aggregator must reject them as TooLate (the ledger lists them). Example: --too-late 0.02")]
        [DefaultValue(0.0)]
        public double TooLate { get; init; }

        [CommandOption("--lateness <DURATION>")]
        [Description("The aggregator's allowed lateness (its TELEMETRY_ALLOWED_LATENESS), which --late and --too-late stamps keep clear of by a quarter of it. Default 24h, the aggregator's default. Example: --lateness 2h")]
        public string? Lateness { get; init; }

        [CommandOption("--poison <RATE>")]
        [Description("Extra records, this fraction of the readings, that the decoder must reject: every reject reason in turn (malformed JSON, missing field, bad device id, …). They take no sequence number. Example: --poison 0.01")]
        [DefaultValue(0.0)]
        public double Poison { get; init; }

        [CommandOption("--bursts <RATE>")]
        [Description("Fraction of devices that buffer their readings and flush them all at once every --burst-every. Example: --bursts 0.3")]
        [DefaultValue(0.0)]
        public double Bursts { get; init; }

        [CommandOption("--burst-every <DURATION>")]
        [Description("How often a bursting device flushes its buffer. Default 10s. Example: --burst-every 30s")]
        public string? BurstEvery { get; init; }

        [CommandOption("--excursions <COUNT>")]
        [Description("Devices pushed past an alert rule's threshold for longer than its condition, then back below its clear level, at seeded times: each should raise one alert and clear it. Types and rules take turns. The ledger and the summary list them. Example: --excursions 2")]
        [DefaultValue(0)]
        public int Excursions { get; init; }

        [CommandOption("--flapping <COUNT>")]
        [Description("Devices that breach a rule long enough to raise, then swing between its hysteresis band and past its threshold, then recover: one raise and one clear, however often they cross. Example: --flapping 1")]
        [DefaultValue(0)]
        public int Flapping { get; init; }

        [CommandOption("--silences <COUNT>")]
        [Description("Devices that send nothing for their type's silence threshold plus the alerter's 15s last-seen lag plus half the threshold again, then go on with the next sequence number: one DeviceSilent and one DeviceResumed each. Example: --silences 1")]
        [DefaultValue(0)]
        public int Silences { get; init; }

        [CommandOption("--alert-rules <FILE>")]
        [Description("The alert rules the anomalies are shaped for. Default: config/alert-rules.json of the repository (looked for above the working directory, then above the simulator). Example: --alert-rules config/alert-rules.json")]
        public string? AlertRules { get; init; }

        [CommandOption("--ledger <FILE>")]
        [Description("Where to write the ledger of what Kinesis acknowledged (JSON, rewritten every second and at the end). Default: <local stack data folder>/ledgers/<stream>-<start>.json against the local stack, else ./telemetry-ledgers/<stream>-<start>.json. Example: --ledger run1.json")]
        public string? Ledger { get; init; }

        [CommandOption("--no-ledger")]
        [Description("Write no ledger. Example: --no-ledger")]
        public bool NoLedger { get; init; }

        [CommandOption("--replay <FILE>")]
        [Description("Instead of simulating, send the readings of an NDJSON file again (what 'telemetry replay --into FILE.ndjson' writes), byte for byte, each device's in file order, paced by their timestamps. No ledger. Example: --replay last-2h.ndjson --speed 10")]
        public string? Replay { get; init; }

        [CommandOption("--speed <FACTOR>")]
        [Description("With --replay: how many times faster than recorded (10: an hour in 6 minutes). 0, or --no-pace, sends as fast as the stream accepts. Default 1.")]
        public double? Speed { get; init; }

        /// <summary>The replay's speed-up: 0 for as fast as possible.</summary>
        internal double ReplaySpeed => NoPace ? 0 : Speed ?? 1;

        // Null, or why the flags do not go together with --replay.
        private string? ReplayProblem()
        {
            if (Replay is null)
            {
                return Speed is null ? null : "--speed goes with --replay FILE. Example: --replay last-2h.ndjson --speed 10";
            }

            if (string.IsNullOrWhiteSpace(Replay) || Directory.Exists(Replay))
            {
                return $"--replay needs an NDJSON file, for example --replay last-2h.ndjson (got '{Replay}').";
            }

            if (!File.Exists(Replay))
            {
                return $"--replay {Replay}: no such file.";
            }

            if (Speed is { } speed && (!double.IsFinite(speed) || speed < 0))
            {
                return $"--speed must be a number of times, 0 or more (got {speed.ToString(System.Globalization.CultureInfo.InvariantCulture)}). Example: --speed 10";
            }

            var simulation = new (string Flag, bool Given)[]
            {
                ("--devices", Devices != DefaultDevices), ("--rate", Rate != DefaultRate), ("--duration", Duration is not null), ("--readings", Readings is not null),
                ("--seed", Seed != DefaultSeed), ("--duplicates", Duplicates != 0), ("--out-of-order", OutOfOrder != 0), ("--late", Late != 0),
                ("--too-late", TooLate != 0), ("--lateness", Lateness is not null), ("--poison", Poison != 0), ("--bursts", Bursts != 0),
                ("--burst-every", BurstEvery is not null), ("--excursions", Excursions != 0), ("--flapping", Flapping != 0),
                ("--silences", Silences != 0), ("--alert-rules", AlertRules is not null), ("--ledger", Ledger is not null),
            };
            return simulation.FirstOrDefault(f => f.Given) is { Flag: { } flag }
                ? $"{flag} simulates; --replay sends a file's readings as they were. Give one or the other."
                : null;
        }

        public FaultOptions ToFaults() => new()
        {
            Duplicates = Duplicates,
            OutOfOrder = OutOfOrder,
            Late = Late,
            TooLate = TooLate,
            Poison = Poison,
            Bursts = Bursts,
            BurstEvery = BurstEvery is null ? FaultOptions.DefaultBurstEvery : ParseDuration("--burst-every", BurstEvery),
            AllowedLateness = Lateness is null ? FaultOptions.DefaultAllowedLateness : ParseDuration("--lateness", Lateness),
        };

        /// <summary>The anomaly counts and, when any is asked for or a file is named, its rules.</summary>
        /// <exception cref="AlertRulesException">The rules cannot be found, read or used.</exception>
        public AnomalyOptions ToAnomalies()
        {
            var counts = new AnomalyOptions { Excursions = Excursions, Flapping = Flapping, Silences = Silences };
            // A negative count is reported by validation; the file is not worth reading for it.
            if ((!counts.Any && AlertRules is null) || Excursions < 0 || Flapping < 0 || Silences < 0)
            {
                return counts;
            }

            var path = AlertRules is { } chosen
                ? Path.GetFullPath(chosen)
                : AlertRulesFile.FindDefault(Directory.GetCurrentDirectory(), AppContext.BaseDirectory, File.Exists)
                  ?? throw new AlertRulesException($"Cannot find {AlertRulesFile.RelativePath} above '{Directory.GetCurrentDirectory()}' or the simulator; give --alert-rules FILE.");
            _rules ??= AlertRulesFile.Load(path);
            return counts with { Rules = _rules, RulesSource = path };
        }

        public SimulatorOptions ToOptions() => new()
        {
            Devices = Devices,
            RatePerDevice = Rate,
            Duration = Duration is null ? null : Durations.TryParse(Duration, out var duration) ? duration : throw new FormatException(DurationError(Duration)),
            Readings = Readings,
            StreamName = Stream ?? PipelineNames.Stream,
            Seed = Seed,
            NoPace = NoPace,
            Aggregate = Aggregate,
            InFlight = InFlight,
            Faults = ToFaults(),
            Anomalies = ToAnomalies(),
        };

        public override ValidationResult Validate()
        {
            if (ReplayProblem() is { } replayProblem)
            {
                return ValidationResult.Error(replayProblem);
            }

            if (InFlight is < 1 or > SimulatorOptions.MaxInFlightLimit)
            {
                return ValidationResult.Error($"--in-flight must be between 1 and {SimulatorOptions.MaxInFlightLimit} calls (got {InFlight}). Example: --in-flight 8");
            }

            if (Replay is not null)
            {
                return ValidationResult.Success();
            }

            if (Duration is not null && !Durations.TryParse(Duration, out _))
            {
                return ValidationResult.Error(DurationError(Duration));
            }

            foreach (var (flag, text) in new[] { ("--lateness", Lateness), ("--burst-every", BurstEvery) })
            {
                if (text is not null && !Durations.TryParse(text, out _))
                {
                    return ValidationResult.Error($"{flag} '{text}' is not a duration; use for example {Durations.Examples}.");
                }
            }

            if (NoLedger && Ledger is not null)
            {
                return ValidationResult.Error("Give --ledger FILE or --no-ledger, not both.");
            }

            if (Ledger is not null && (string.IsNullOrWhiteSpace(Ledger) || Directory.Exists(Ledger)))
            {
                return ValidationResult.Error($"--ledger needs a file name, for example --ledger run1.json (got '{Ledger}').");
            }

            IReadOnlyList<string> errors;
            try
            {
                errors = ToOptions().Validate();
            }
            catch (AlertRulesException e)
            {
                return ValidationResult.Error(e.Message);
            }

            return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join(Environment.NewLine, errors));
        }

        // Read once: Validate and ExecuteAsync both build the options.
        private AlertRuleSet? _rules;

        private static string DurationError(string text) =>
            $"'{text}' is not a duration; use for example --duration {Durations.Examples}.";

        private static TimeSpan ParseDuration(string flag, string text) =>
            Durations.TryParse(text, out var duration) ? duration : throw new FormatException($"{flag} '{text}' is not a duration; use for example {Durations.Examples}.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Replay is not null)
        {
            return await ReplayAsync(settings, cancellationToken);
        }

        var options = settings.ToOptions();
        if (await TargetAsync(settings, options.StreamName, cancellationToken) is not var (target, streamName))
        {
            return ExitCodes.Usage;
        }

        options = options with { StreamName = streamName };

        var client = target.Client;
        SimulatorResult result;
        LedgerAutosave? autosave = null;
        var ledgerFailed = false;
        try
        {
            var recorder = new LedgerRecorder(options.StreamName, options.Seed, timeProvider.GetUtcNow(), options.Faults.AllowedLateness);
            if (!settings.NoLedger)
            {
                var path = settings.Ledger is { } chosen
                    ? Path.GetFullPath(chosen)
                    : LedgerLocation.Default(target.LocalDataDirectory, Directory.GetCurrentDirectory(), options.StreamName, recorder.StartedAt, File.Exists);
                try
                {
                    autosave = new LedgerAutosave(recorder, path, timeProvider);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    console.MarkupLineInterpolated($"[red]Ledger:[/] cannot write '{path}': {exception.Message}");
                    return ExitCodes.Usage;
                }
            }

            var simulator = new Simulator(timeProvider);
            result = settings.Json
                ? await simulator.RunAsync(options, client, progress: null, cancellationToken, recorder)
                : await ProgressView.RunAsync(console, timeProvider, options, p => simulator.RunAsync(options, client, p, cancellationToken, recorder));
            if (autosave is not null)
            {
                try
                {
                    await autosave.CompleteAsync(result.Cancelled);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // The run happened; only its record is short. Say so and fail, rather than lose the summary.
                    console.MarkupLineInterpolated($"[red]Ledger:[/] the final ledger could not be written to '{autosave.Path}': {exception.Message}");
                    ledgerFailed = true;
                }
            }
        }
        finally
        {
            if (autosave is not null)
            {
                await autosave.DisposeAsync();
            }

            (client as IDisposable)?.Dispose();
        }

        if (settings.Json)
        {
            SummaryWriter.WriteJson(console, options, result, autosave?.Path);
        }
        else
        {
            SummaryWriter.WritePretty(console, options, result, autosave?.Path);
        }

        return result.Fault is not null ? ExitCodes.Usage
            : result.Failed > 0 || ledgerFailed ? ExitCodes.Failed
            : ExitCodes.Ok;
    }

    // The client and the stream: --stack's outputs, or the environment's; null after saying what is wrong.
    private async Task<(KinesisTarget Target, string StreamName)?> TargetAsync(Settings settings, string streamName, CancellationToken cancellationToken)
    {
        try
        {
            string? region = null;
            if (settings.Stack is not null)
            {
                var stack = await PulumiStackOutputs.ReadAsync(pulumi, settings.Stack, Directory.GetCurrentDirectory(), cancellationToken);
                streamName = settings.Stream ?? stack.StreamName;
                region = stack.Region;
            }

            return (clients.Create(region), streamName);
        }
        catch (Exception exception) when (exception is AwsConfigurationException or ArgumentException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[red]Configuration:[/] {exception.Message}");
            return null;
        }
    }

    private async Task<int> ReplayAsync(Settings settings, CancellationToken cancellationToken)
    {
        var file = await ReplayFile.LoadAsync(settings.Replay!, timeProvider.GetUtcNow(), cancellationToken);
        foreach (var problem in file.Problems.Take(10))
        {
            console.MarkupLineInterpolated($"[yellow]{settings.Replay}:{problem.Line}:[/] not a reading, left out ({problem.Message})");
        }

        if (file.Problems.Count > 10)
        {
            console.MarkupLineInterpolated($"[yellow]{settings.Replay}:[/] {file.Problems.Count - 10} more lines that are not readings, left out");
        }

        if (await TargetAsync(settings, settings.Stream ?? PipelineNames.Stream, cancellationToken) is not var (target, streamName))
        {
            return ExitCodes.Usage;
        }

        SimulatorResult result;
        try
        {
            var replay = new FileReplay(timeProvider) { Aggregate = settings.Aggregate, InFlight = settings.InFlight };
            var speed = settings.ReplaySpeed;
            result = settings.Json
                ? await replay.RunAsync(file, streamName, speed, target.Client, progress: null, cancellationToken)
                : await ProgressView.RunAsync(
                    console,
                    timeProvider,
                    $"Replaying [bold]{file.Records.Count}[/] readings of {file.Devices} devices from {Markup.Escape(settings.Replay!)} into stream [bold]{Markup.Escape(streamName)}[/] ({(speed == 0 ? "unpaced" : $"{speed.ToString(System.Globalization.CultureInfo.InvariantCulture)}x")}). Ctrl+C stops.",
                    p => replay.RunAsync(file, streamName, speed, target.Client, p, cancellationToken));
        }
        finally
        {
            (target.Client as IDisposable)?.Dispose();
        }

        SummaryWriter.WriteReplay(console, settings.Json, settings.Replay!, streamName, file, result);
        return result.Fault is not null ? ExitCodes.Failed
            : result.Sent < file.Records.Count || file.Problems.Count > 0 ? ExitCodes.Failed
            : ExitCodes.Ok;
    }
}
