using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;
using Telemetry.Local.Archive;

namespace Telemetry.Cli.Commands.Archive;

/// <summary>The archive's objects in arrival order, each with its arrival range, size and record count.</summary>
public sealed class ArchiveLsCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi, StandardError standardError)
    : AsyncCommand<ArchiveLsCommand.Settings>
{
    public sealed class Settings : ArchiveRangeSettings
    {
        [CommandOption("--json")]
        [Description("Print one JSON object: {\"bucket\", \"objects\": [{\"key\", \"firstArrival\", \"storedAt\", \"bytes\", \"records\", \"format\"}], \"records\", \"bytes\"}; progress stays on stderr.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (from, to) = settings.Range(time.GetUtcNow());
        var target = await PipelineTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        using var source = ArchiveSource.Open(target);
        var progress = new ProgressLine(standardError.Writer, time);
        var objects = await source.GuardAsync(r => r.ListAsync(from, to, listed => progress.Report(() => $"archive ls: {listed} keys listed"), cancellationToken));

        // The record count is in the objects only: each is read, as a consumer of the archive would.
        var rows = new List<ArchiveObjectJson>(objects.Count);
        var unreadable = 0;
        foreach (var archived in objects)
        {
            int? records = null;
            try
            {
                records = (await source.Reader.ReadAsync(archived, cancellationToken)).Count;
            }
            catch (InvalidDataException e)
            {
                unreadable++;
                standardError.Writer.WriteLine($"archive ls: {e.Message}");
            }

            rows.Add(new ArchiveObjectJson(archived.Key, archived.Name.OldestArrival, archived.StoredAt, archived.Size, records, archived.Format?.Name));
            progress.Report(() => $"archive ls: {rows.Count}/{objects.Count} objects read");
        }

        if (settings.Json)
        {
            JsonOutput.Write(console, new ArchiveListingJson(target.BucketName, rows, rows.Sum(r => (long)(r.Records ?? 0)), rows.Sum(r => r.Bytes)));
        }
        else
        {
            Write(rows, source.Description);
        }

        return unreadable == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private void Write(IReadOnlyList<ArchiveObjectJson> rows, string where)
    {
        if (rows.Count == 0)
        {
            console.MarkupLineInterpolated($"No archive objects in that range ({where}).");
            return;
        }

        var table = new Table().AddColumns("key", "first arrival (UTC)", "stored (UTC)", "bytes", "records");
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Key),
                row.FirstArrival.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                row.StoredAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                row.Bytes.ToString("N0", CultureInfo.InvariantCulture),
                row.Records?.ToString("N0", CultureInfo.InvariantCulture) ?? "[red]unreadable[/]");
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"{rows.Count} object(s), {rows.Sum(r => (long)(r.Records ?? 0)):N0} record(s), {rows.Sum(r => r.Bytes):N0} bytes ({where}).");
    }
}

/// <summary>One object in <c>archive ls --json</c>; <paramref name="Records"/> is null when it could not be read, <paramref name="Format"/> when its extension is not one the archive writes.</summary>
internal sealed record ArchiveObjectJson(string Key, DateTimeOffset FirstArrival, DateTimeOffset StoredAt, long Bytes, int? Records, string? Format);

/// <summary>The whole of <c>archive ls --json</c>.</summary>
internal sealed record ArchiveListingJson(string Bucket, IReadOnlyList<ArchiveObjectJson> Objects, long Records, long Bytes);
