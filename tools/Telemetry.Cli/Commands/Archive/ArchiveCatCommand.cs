using System.ComponentModel;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;

namespace Telemetry.Cli.Commands.Archive;

/// <summary>The archived readings across objects, in arrival order: as NDJSON, exactly as archived, or as lines to read.</summary>
public sealed class ArchiveCatCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi, StandardError standardError)
    : AsyncCommand<ArchiveCatCommand.Settings>
{
    public sealed class Settings : ArchiveRangeSettings
    {
        [CommandOption("-d|--device <ID>")]
        [Description("Only this device's readings; repeat for several. Example: --device thermostat-0001")]
        public string[] Devices { get; init; } = [];

        [CommandOption("--json")]
        [Description("Print NDJSON, one reading per line: as archived from gzip NDJSON objects, re-serialized from Parquet ones. Default: one aligned line per reading.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful && Devices.Any(string.IsNullOrWhiteSpace)
                ? ValidationResult.Error("--device needs a device id. Example: --device thermostat-0001")
                : result;
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (from, to) = settings.Range(time.GetUtcNow());
        var target = await PipelineTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        using var source = ArchiveSource.Open(target);
        var progress = new ProgressLine(standardError.Writer, time);
        var objects = await source.GuardAsync(r => r.ListAsync(from, to, listed => progress.Report(() => $"archive cat: {listed} keys listed"), cancellationToken));
        var devices = settings.Devices.ToHashSet(StringComparer.Ordinal);
        var output = console.Profile.Out.Writer;
        long readings = 0, notReadings = 0;
        var objectsRead = 0;
        var unreadable = 0;
        foreach (var archived in objects)
        {
            IReadOnlyList<ReadOnlyMemory<byte>> records;
            try
            {
                records = await source.Reader.ReadAsync(archived, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                // One bad object must not hide the others: said, counted, and the exit code reports it.
                unreadable++;
                standardError.Writer.WriteLine($"archive cat: {e.Message}");
                continue;
            }

            foreach (var record in records)
            {
                // Judged as the aggregator judged it when it arrived (no later than the object was stored), so what
                // cat leaves out is what the aggregator rejected, future-stamped records included.
                var decoded = ReadingDecoder.Decode(record.Span, archived.StoredAt);
                if (!decoded.IsAccepted)
                {
                    notReadings++;
                    continue;
                }

                if (devices.Count > 0 && !devices.Contains(decoded.Reading.DeviceId))
                {
                    continue;
                }

                output.WriteLine(settings.Json ? Encoding.UTF8.GetString(record.Span) : Line(decoded.Reading));
                readings++;
            }

            objectsRead++;
            progress.Report(() => $"archive cat: {objectsRead}/{objects.Count} objects, {readings:N0} readings");
        }

        output.Flush();
        progress.Done(
            $"archive cat: {readings:N0} reading(s) from {objectsRead} object(s) ({source.Description})"
            + (notReadings > 0 ? $"; {notReadings:N0} record(s) that are not readings left out (the aggregator rejected them: ./telemetry query rejected)" : "")
            + (unreadable > 0 ? $"; {unreadable} object(s) unreadable" : ""));
        return unreadable == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static string Line(Reading reading)
    {
        var metrics = string.Join(' ', reading.Metrics.Select(m => $"{m.Key}={m.Value.ToString("G", CultureInfo.InvariantCulture)}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{ReadingCodec.FormatTimestamp(reading.Timestamp)}  {reading.DeviceId,-24}  boot {reading.Boot}  #{reading.Sequence,-6}  {metrics}");
    }
}
