using System.ComponentModel;
using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Streams;
using Telemetry.Storage;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Redrive;

/// <summary>
/// Re-drives what reached a stream function's on-failure destination: each skipped batch's range read back from its
/// shard and run through the function's own processing path, then taken out of the destination.
/// </summary>
public sealed partial class RedriveCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi, StandardError standardError)
    : AsyncCommand<RedriveCommand.Settings>
{
    public sealed class Settings : TargetSettings
    {
        [CommandOption("--function <NAME>")]
        [Description("The stream function whose skipped batches to re-drive, by its key in config/pipeline.json. Default: aggregator. Example: --function aggregator")]
        [DefaultValue("aggregator")]
        public string Function { get; init; } = "aggregator";

        [CommandOption("--file <FILE>")]
        [Description("Read invocation records from this JSON-lines file instead of the destination (local: <data dir>/on-failure/<function>.jsonl; AWS: the function's SQS queue). Re-driven lines move to FILE.redriven. Example: --file saved/aggregator.jsonl")]
        public string? File { get; init; }

        [CommandOption("--queue <NAME|URL>")]
        [Description("Read invocation records from this SQS queue: on AWS its name or URL, when not the function's own (<function name>-failures); with the local stack its URL (moto server). Handled messages are deleted. Example: --queue telemetry-aggregator-failures")]
        public string? Queue { get; init; }

        [CommandOption("--dry-run")]
        [Description("Read the destination and the stream and say what would be re-driven; write nothing, take nothing out. Example: --dry-run")]
        public bool DryRun { get; init; }

        [CommandOption("--json")]
        [Description("Print the result as one JSON object (batches, records, readings, rejected, lostToRetention, …); progress stays on stderr. Example: --json")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            var target = base.Validate();
            if (!target.Successful)
            {
                return target;
            }

            if (!FunctionKey().IsMatch(Function))
            {
                return ValidationResult.Error($"--function must be a function key like 'aggregator' (got '{Function}').");
            }

            if (File is not null && !System.IO.File.Exists(File))
            {
                return ValidationResult.Error($"--file {File}: no such file.");
            }

            if (Queue is not null && File is not null)
            {
                return ValidationResult.Error("--file and --queue name two destinations; give one.");
            }

            return Queue is not null && ResolvedTarget == "local" && !OnFailureQueue.IsUrl(Queue)
                ? ValidationResult.Error($"--queue {Queue}: locally --queue takes the queue's URL (moto server's), not its name. Example: --queue http://127.0.0.1:5000/123456789012/{Queue}")
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var target = await RedriveTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        if (target.Source is null)
        {
            var empty = new RedriveReport("(no on-failure file)", settings.DryRun, 0, 0, 0, 0, 0, 0, 0, 0, []);
            return Report(settings, empty, target.Name, $"Nothing to re-drive: no batch of '{settings.Function}' reached its on-failure destination ({target.Name}).");
        }

        await using var source = target.Source;
        using var dynamo = target.DynamoDb();
        var processor = settings.DryRun ? null : AggregatorProcessor.Create(dynamo, target.TableName, time, standardError.Writer);
        var reader = new ShardRangeReader(target.Kinesis, time);
        var report = await new Redriver(reader, processor, standardError.Writer).RunAsync(source, cancellationToken);
        return Report(settings, report, target.Name, null);
    }

    private int Report(Settings settings, RedriveReport report, string targetName, string? nothing)
    {
        var exitCode = report.Complete ? ExitCodes.Ok : ExitCodes.Failed;
        if (settings.Json)
        {
            JsonOutput.Write(console, report);
            return exitCode;
        }

        if (nothing is not null)
        {
            console.WriteLine(nothing);
            return exitCode;
        }

        var would = report.DryRun ? "Would re-drive" : "Re-drove";
        console.MarkupLineInterpolated($"{would} {report.Redriven} of {report.Batches} batch(es) from {report.Source} ({targetName}).");
        console.MarkupLineInterpolated($"  records read from the stream: {report.Records}");
        if (!report.DryRun)
        {
            console.MarkupLineInterpolated($"  readings applied:             {report.Readings} (a reading counted before changes nothing)");
            console.MarkupLineInterpolated($"  rejected, with their reason:  {report.Rejected} ('./telemetry query rejected' lists them)");
        }

        if (report.LostToRetention > 0)
        {
            console.MarkupLineInterpolated($"  [red]lost to retention:            {report.LostToRetention} record(s) no longer in the stream[/]");
        }

        foreach (var problem in report.Problems)
        {
            console.MarkupLineInterpolated($"  [yellow]kept[/] {problem.Origin}: {problem.Problem}");
        }

        return exitCode;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex FunctionKey();
}
