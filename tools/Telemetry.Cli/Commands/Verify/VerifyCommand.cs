using System.ComponentModel;
using Amazon.DynamoDBv2;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Cli.Commands.Archive;
using Telemetry.Contracts;
using Telemetry.Producer.Ledger;

namespace Telemetry.Cli.Commands.Verify;

/// <summary>
/// Reconciles a simulator's ledger with the rollups and the rejected sink, per device: what is missing, what counted
/// twice, which expected rejects are absent.
/// </summary>
public sealed class VerifyCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi, StandardError standardError) : AsyncCommand<VerifyCommand.Settings>
{
    public sealed class Settings : TargetSettings
    {
        [CommandOption("--ledger <FILE>")]
        [Description("The simulator's ledger. Default: the newest ledger of the target: <local stack data folder>/ledgers/*.json, or ./telemetry-ledgers/*.json for AWS. Example: --ledger run1.json")]
        public string? Ledger { get; init; }

        [CommandOption("--wait <TIME>")]
        [Description("Keep checking until everything reconciles or this much time passes, for a pipeline still catching up. Default: 0s (check once). Example: --wait 2m")]
        [DefaultValue("0s")]
        public string Wait { get; init; } = "0s";

        [CommandOption("--json")]
        [Description("Print one JSON object: {\"ok\", \"missing\", \"duplicated\", \"devices\", \"archive\", …} with the devices that do not reconcile.")]
        public bool Json { get; init; }

        [CommandOption("--no-archive")]
        [Description("Skip the archive coverage check (every acknowledged reading in an archive object). It is skipped anyway when config/pipeline.json has no archive.")]
        public bool NoArchive { get; init; }

        internal TimeSpan ParsedWait => Durations.TryParse(Wait, out var wait) ? wait : TimeSpan.Zero;

        public override ValidationResult Validate()
        {
            var target = base.Validate();
            if (!target.Successful)
            {
                return target;
            }

            if (!Durations.TryParse(Wait, out _))
            {
                return ValidationResult.Error($"--wait must be a duration such as 30s or 2m (got '{Wait}').");
            }

            return Ledger is not null && string.IsNullOrWhiteSpace(Ledger)
                ? ValidationResult.Error("--ledger needs a file. Example: --ledger run1.json")
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // A ledger named on the command line is checked first: a bad file is the problem to report, whatever the target.
        var ledger = settings.Ledger is { } given ? Read(given) : null;
        if (settings.Ledger is not null && ledger is null)
        {
            return ExitCodes.Usage;
        }

        var target = await PipelineTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        var path = settings.Ledger ?? NewestLedger(target.Name == "local" ? settings.ResolvedDataDirectory : null);
        if (path is null)
        {
            console.MarkupLine("No ledger found. Run [bold]./telemetry simulate[/] first, or name one with [bold]--ledger FILE[/].");
            return ExitCodes.Usage;
        }

        ledger ??= Read(path);
        if (ledger is null)
        {
            return ExitCodes.Usage;
        }

        using var dynamo = target.DynamoDb();
        using var archive = settings.NoArchive ? null : ArchiveSource.OpenIfConfigured(target);
        var coverage = archive is null ? null : new ArchiveCoverageReader(archive.Reader, ledger, line => standardError.Writer.WriteLine($"verify: {line}"));
        var deadline = time.GetUtcNow() + settings.ParsedWait;
        var report = await VerifyOnceAsync(dynamo, target.TableName, ledger, archive, coverage, cancellationToken);
        while (!report.Ok && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken);
            report = await VerifyOnceAsync(dynamo, target.TableName, ledger, archive, coverage, cancellationToken);
        }

        if (settings.Json)
        {
            JsonOutput.Write(console, VerifyJson.From(report, path, ledger));
        }
        else
        {
            VerifyView.Write(console, report, path, ledger);
        }

        return report.Ok ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private async Task<VerifyReport> VerifyOnceAsync(
        IAmazonDynamoDB dynamo, string tableName, ProducerLedger ledger, ArchiveSource? archive, ArchiveCoverageReader? coverage, CancellationToken cancellationToken)
    {
        var report = await LedgerVerifier.VerifyAsync(dynamo, tableName, ledger, time.GetUtcNow(), cancellationToken);
        return archive is null || coverage is null
            ? report
            : report with { Archive = await archive.GuardAsync(_ => coverage.RefreshAsync(cancellationToken)) };
    }

    private ProducerLedger? Read(string path)
    {
        try
        {
            return LedgerFile.Read(path);
        }
        catch (LedgerException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return null;
        }
    }

    private static string? NewestLedger(string? localDataDirectory)
    {
        var folder = localDataDirectory is null
            ? Path.Combine(Directory.GetCurrentDirectory(), LedgerLocation.AwsFolder)
            : Path.Combine(localDataDirectory, LedgerLocation.LocalFolder);
        return Directory.Exists(folder)
            ? new DirectoryInfo(folder).GetFiles("*.json").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()?.FullName
            : null;
    }
}
