using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;
using Telemetry.Storage.Rejected;

namespace Telemetry.Cli.Commands.Query;

/// <summary>Records the aggregator set aside (malformed, too late, in the future), with the reason, by day of processing.</summary>
public sealed class QueryRejectedCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi) : AsyncCommand<QueryRejectedCommand.Settings>
{
    public sealed class Settings : TargetSettings
    {
        [CommandOption("--day <YYYY-MM-DD>")]
        [Description("UTC day on which the records were processed. Default: today. Example: --day 2026-11-26")]
        public string? Day { get; init; }

        [CommandOption("--json")]
        [Description("Print JSON (an array of rejected records, data in base64) instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            var target = base.Validate();
            return !target.Successful || Day is null || DateOnly.TryParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? target
                : ValidationResult.Error($"--day must be a date like 2026-11-26 (got '{Day}').");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var day = settings.Day is null
            ? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)
            : DateOnly.ParseExact(settings.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var target = await PipelineTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        using var dynamo = target.DynamoDb();
        var rows = await new RejectedReader(dynamo, target.TableName).QueryRejectedAsync(day, cancellationToken);

        if (settings.Json)
        {
            JsonOutput.Write(console, rows);
            return ExitCodes.Ok;
        }

        if (rows.Count == 0)
        {
            console.MarkupLineInterpolated($"No records were rejected on {day:yyyy-MM-dd} ({target.Name}, table {target.TableName}).");
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("shard", "sequence number", "partition key", "reason", "message");
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.ShardId), Markup.Escape(row.Position), Markup.Escape(row.PartitionKey), Markup.Escape(row.Reason), Markup.Escape(row.Message));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"{rows.Count} rejected record(s). --json includes each record's data.");
        return ExitCodes.Ok;
    }
}
