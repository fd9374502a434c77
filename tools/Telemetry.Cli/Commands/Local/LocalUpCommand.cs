using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Local;

public sealed class LocalUpCommand(IAnsiConsole console, TimeProvider time) : AsyncCommand<LocalUpCommand.Settings>
{
    public class Settings : LocalSettings
    {
        [CommandOption("--shards <N>")]
        [Description("Shards of the stream when it is created (ignored if it exists). Example: --shards 4")]
        [DefaultValue(2)]
        public int Shards { get; init; } = 2;

        [CommandOption("--kinesis-port <PORT>")]
        [Description("Loopback port of kinesalite; 0 picks any free port. A stack that was started before keeps its ports until 'local down'.")]
        [DefaultValue(LocalStackOptions.DefaultKinesisPort)]
        public int KinesisPort { get; init; } = LocalStackOptions.DefaultKinesisPort;

        [CommandOption("--dynamodb-port <PORT>")]
        [Description("Loopback port of dynalite; 0 picks any free port.")]
        [DefaultValue(LocalStackOptions.DefaultDynamoDbPort)]
        public int DynamoDbPort { get; init; } = LocalStackOptions.DefaultDynamoDbPort;

        [CommandOption("--s3-port <PORT>")]
        [Description("Loopback port of s3rver; 0 picks any free port.")]
        [DefaultValue(LocalStackOptions.DefaultS3Port)]
        public int S3Port { get; init; } = LocalStackOptions.DefaultS3Port;

        [CommandOption("--kinesis-proxy-port <PORT>")]
        [Description("Loopback port where Kinesis clients connect: the fault proxy in front of kinesalite (it injects nothing until 'demo --faults' or 'local faults' asks); 0 picks any free port.")]
        [DefaultValue(LocalStackOptions.DefaultKinesisProxyPort)]
        public int KinesisProxyPort { get; init; } = LocalStackOptions.DefaultKinesisProxyPort;

        [CommandOption("--dynamodb-proxy-port <PORT>")]
        [Description("Loopback port where DynamoDB clients connect: the fault proxy in front of dynalite; 0 picks any free port.")]
        [DefaultValue(LocalStackOptions.DefaultDynamoDbProxyPort)]
        public int DynamoDbProxyPort { get; init; } = LocalStackOptions.DefaultDynamoDbProxyPort;

        [CommandOption("--moto-port <PORT>")]
        [Description("Loopback port of moto server (EventBridge, SNS and SQS: the alert bus, topic and the telemetry-alerts queue); 0 picks any free port. Example: --moto-port 5000")]
        [DefaultValue(LocalStackOptions.DefaultMotoPort)]
        public int MotoPort { get; init; } = LocalStackOptions.DefaultMotoPort;

        [CommandOption("--archive-interval <TIME>")]
        [Description("How long the local delivery stream buffers before it writes an archive object, instead of archive.bufferingIntervalSeconds of config/pipeline.json (60s); 0s to 900s, kept until 'local down'. Example: --archive-interval 5s")]
        public string? ArchiveInterval { get; init; }

        [CommandOption("--flush-interval <TIME>")]
        [Description("How often the aggregator writes its rollups, instead of TumblingWindowInSeconds of config/pipeline.json (60s): a shorter interval shows readings sooner and costs more DynamoDB writes; 0s writes once per batch. Whole seconds from 0s to 900s, kept until 'local down'. Example: --flush-interval 5s")]
        public string? FlushInterval { get; init; }

        internal TimeSpan? ParsedFlushInterval => FlushInterval is not null && Durations.TryParse(FlushInterval, out var interval) ? interval : null;

        /// <summary>Why <paramref name="value"/> cannot be a flush interval (a tumbling window Lambda accepts); null when it can or is absent.</summary>
        internal static string? FlushIntervalProblem(string? value) =>
            value is not null && (!Durations.TryParse(value, out var flush) || !EventSourceMappingSettings.IsValidTumblingWindow(flush))
                ? $"--flush-interval must be whole seconds from 0s to 900s, as Lambda's tumbling windows allow (got '{value}'). Example: --flush-interval 5s"
                : null;

        internal TimeSpan? ParsedArchiveInterval => ArchiveInterval is not null && Durations.TryParse(ArchiveInterval, out var interval) ? interval : null;

        public override ValidationResult Validate()
        {
            if (ArchiveInterval is not null && (!Durations.TryParse(ArchiveInterval, out var interval) || interval > TimeSpan.FromSeconds(900)))
            {
                return ValidationResult.Error($"--archive-interval must be a duration from 0s to 900s, as Firehose allows (got '{ArchiveInterval}'). Example: --archive-interval 5s");
            }

            if (FlushIntervalProblem(FlushInterval) is { } flushProblem)
            {
                return ValidationResult.Error(flushProblem);
            }

            if (Shards is < 1 or > 100)
            {
                return ValidationResult.Error($"--shards must be between 1 and 100 (got {Shards}).");
            }

            foreach (var port in new[] { KinesisPort, DynamoDbPort, S3Port, KinesisProxyPort, DynamoDbProxyPort, MotoPort })
            {
                if (port is < 0 or > 65535)
                {
                    return ValidationResult.Error($"Ports must be between 1 and 65535, or 0 for any free port (got {port}).");
                }
            }

            return ValidationResult.Success();
        }

        public LocalStackOptions ToOptions() => new()
        {
            DataDirectory = ResolvedDataDirectory,
            ShardCount = Shards,
            KinesisPort = AnyFreeWhenZero(KinesisPort),
            DynamoDbPort = AnyFreeWhenZero(DynamoDbPort),
            S3Port = AnyFreeWhenZero(S3Port),
            KinesisProxyPort = AnyFreeWhenZero(KinesisProxyPort),
            DynamoDbProxyPort = AnyFreeWhenZero(DynamoDbProxyPort),
            MotoPort = AnyFreeWhenZero(MotoPort),
            ArchiveBufferingInterval = ParsedArchiveInterval,
            FlushInterval = ParsedFlushInterval,
        };

        // 0 asks for any free port; the launcher then retries if another process takes it first.
        private static int? AnyFreeWhenZero(int port) => port == 0 ? null : port;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var state = await LocalStack.UpAsync(settings.ToOptions(), line => console.MarkupLineInterpolated($"[grey]{line}[/]"), cancellationToken);
        console.MarkupLineInterpolated($"[green]Local stack is up.[/] Stream '{state.StreamName}', table '{state.TableName}', bucket '{state.BucketName}'; the function service consumes the stream.");
        LocalStatusCommand.Write(console, await LocalStatusReport.ReadAsync(state, settings.ResolvedDataDirectory, time.GetUtcNow(), cancellationToken));
        if (state.Alerts is { } alerts)
        {
            console.MarkupLineInterpolated($"Alert events on bus '{alerts.BusName}' arrive in the queue [bold]{alerts.QueueUrl}[/]");
        }

        console.MarkupLine("Send readings:  [bold]./telemetry simulate --devices 20 --duration 30s[/]");
        console.MarkupLine("Point the aws CLI or any SDK at it:  [bold]eval \"$(./telemetry local env)\"[/]");
        return ExitCodes.Ok;
    }
}
