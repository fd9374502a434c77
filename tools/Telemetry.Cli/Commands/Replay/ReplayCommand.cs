using System.ComponentModel;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Pulumi;
using Telemetry.Cli.Commands.Archive;
using Telemetry.Contracts;
using Telemetry.Processing.Streams;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// Reads the stream back from a point in time, every shard after its parents, and writes the readings as NDJSON
/// (to stdout or a file), or only counts them (<c>--dry-run</c>).
/// </summary>
public sealed class ReplayCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi, StandardError standardError)
    : AsyncCommand<ReplaySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReplaySettings settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (from, to) = settings.Range(now);
        var target = await PipelineTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        var kinesis = target.Kinesis();
        IEventBridgeClient? events = null;
        try
        {
            var horizon = await TrimHorizonAsync(kinesis, target.StreamName, now, cancellationToken);
            using var dynamo = settings.IntoConsumer && (!settings.DryRun || settings.IntoRollups) ? target.DynamoDb() : null;
            // Opened once: whether there is one decides what a rebuild may reach, and the replay reads it.
            using var archiveSource = settings.NoArchive ? null : ArchiveSource.OpenIfConfigured(target);
            var rebuild = settings.Rebuild
                ? Rebuild(dynamo!, target.TableName, settings, from, to, horizon, archiveSource is not null, ct => TrimHorizonAsync(kinesis, target.StreamName, time.GetUtcNow(), ct))
                : null;
            var reader = new StreamReplayReader(kinesis, target.StreamName, time);
            // A rebuild reads from before its first window: the archive's part, when there is one, starts there.
            var archive = await ArchiveLeadAsync(settings, target, archiveSource, reader, rebuild?.Plan.ReadFrom ?? from, horizon, cancellationToken);

            events = settings.IntoAlerts && !settings.DryRun ? target.Events() : null;
            var preview = settings.IntoRollups && settings.DryRun ? new RollupDryRun(dynamo!, target.TableName, rebuild) : null;
            var consumer = preview?.Replay(time) ?? (dynamo is null || settings.DryRun ? null : Consumer(settings, target, dynamo, events));
            var summary = await RunAsync(new ReplaySources(reader, archive), consumer, rebuild, settings, from, to, cancellationToken);
            if (preview is not null)
            {
                summary.WouldChange(await preview.ChangesAsync(cancellationToken));
            }

            if (settings.Json)
            {
                JsonOutput.Write(console, summary);
            }
            else
            {
                standardError.Writer.WriteLine(summary.Describe(target.Name, target.StreamName));
            }

            return summary.Failed is > 0 || summary.Rebuild is { Complete: false } || summary.Archive is { Unreadable: > 0 } || summary.Archive?.TrimmedTo is not null
                ? ExitCodes.Failed
                : ExitCodes.Ok;
        }
        catch (KinesisResourceNotFoundException e)
        {
            throw new ArgumentException($"stream '{target.StreamName}' not found ({target.Name}): {e.Message}", e);
        }
        catch (KinesisAccessDeniedException e)
        {
            throw new ArgumentException(
                $"not allowed to read stream '{target.StreamName}' ({target.Name}): {e.Message}. Replay needs kinesis:DescribeStreamSummary, ListShards, GetShardIterator and GetRecords on it (and kms:Decrypt on the pipeline key).",
                e);
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode is "AccessDeniedException" or "UnrecognizedClientException")
        {
            throw new ArgumentException(
                $"not allowed to use table '{target.TableName}' ({target.Name}): {e.Message}. --into rollups and alerts need dynamodb:GetItem, BatchGetItem, Query, UpdateItem, PutItem and BatchWriteItem on it; --rebuild also Scan and DeleteItem.",
                e);
        }
        finally
        {
            (kinesis as IDisposable)?.Dispose();
            (events as IDisposable)?.Dispose();
        }
    }

    // The aggregator's or the alerter's own processing; the alerter's rules are read before any record.
    private ConsumerReplay Consumer(ReplaySettings settings, PipelineTarget target, IAmazonDynamoDB dynamo, IEventBridgeClient? events)
    {
        if (settings.IntoRollups)
        {
            return new ConsumerReplay(clock => AggregatorProcessor.Create(dynamo, target.TableName, clock, standardError.Writer).ProcessAsync, time);
        }

        var alerter = AlerterProcessor.Load(target.TableName, target.BusName);
        return new ConsumerReplay(clock => AlerterProcessor.Create(dynamo, events!, alerter, clock, standardError.Writer).ProcessAsync, time);
    }

    private RollupRebuild Rebuild(
        IAmazonDynamoDB dynamo,
        string table,
        ReplaySettings settings,
        DateTimeOffset from,
        DateTimeOffset to,
        DateTimeOffset horizon,
        bool hasArchive,
        Func<CancellationToken, Task<DateTimeOffset>> trimHorizon)
    {
        var aggregator = AggregatorProcessor.Settings(table);
        var plan = RebuildPlan.Align(from, settings.To is null ? null : to, settings.Devices, AggregatorProcessor.Options(aggregator));
        // What the stream no longer keeps, the archive has: only without one is a rebuild beyond retention refused.
        if (plan.Problem(horizon) is { } problem && !hasArchive)
        {
            throw new ArgumentException(problem);
        }

        return new RollupRebuild(plan, new RollupReset(dynamo, table, aggregator.MinuteRollupTtl), trimHorizon, settings.DryRun, standardError.Writer, time);
    }

    private async Task<ReplaySummary> RunAsync(
        ReplaySources reader,
        ConsumerReplay? consumer,
        RollupRebuild? rebuild,
        ReplaySettings settings,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        if (rebuild is null)
        {
            return await ApplyAsync(reader, consumer, null, settings, from, to, cancellationToken);
        }

        try
        {
            await rebuild.PrepareAsync(cancellationToken);
            // Read from after the emptying: what the aggregator wrote meanwhile was written to the emptied windows.
            var plan = rebuild.Plan;
            var summary = await ApplyAsync(reader, consumer, plan.Windows, settings, plan.ReadFrom, plan.ReadTo(time.GetUtcNow() + RebuildPlan.TipMargin), cancellationToken);
            summary.Rebuilt(await rebuild.FinishAsync(summary.Failed ?? 0, reader.Archive, cancellationToken));
            return summary.Finish(time.GetUtcNow() - started);
        }
        catch (Exception) when (rebuild.Started)
        {
            // Interrupted too (Ctrl+C): the emptied windows wait for the rest of their readings.
            standardError.Writer.WriteLine(RollupRebuild.Unfinished);
            throw;
        }
    }

    // Reads the range and writes, applies or counts its readings; with windows, only the readings that count in them.
    private async Task<ReplaySummary> ApplyAsync(
        ReplaySources reader,
        ConsumerReplay? consumer,
        RollupRange? windows,
        ReplaySettings settings,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var devices = settings.Devices.ToHashSet(StringComparer.Ordinal);
        var progress = new ProgressLine(standardError.Writer, time);
        var started = time.GetUtcNow();
        var summary = new ReplaySummary(from, to, settings.DryRun ? null : settings.Into);
        await using var output = settings.DryRun || settings.IntoConsumer ? null : ReplayOutput.Open(settings.Into, console);
        await foreach (var replayed in reader.ReadAsync(from, to, p => progress.Report(() => Describe(p)), cancellationToken))
        {
            var record = replayed.Record;
            if (replayed.ShardId == ArchiveLead.ShardId)
            {
                summary.Archived();
            }

            // Judged as the aggregator judged it when it arrived: what it rejected is not a reading to replay.
            var decoded = ReadingDecoder.Decode(record.Data.Span, record.ApproximateArrivalTimestamp);
            if (!decoded.IsAccepted)
            {
                summary.NotReading();
                // The consumers keep what they reject, with the reason: so does a replay into one of them, unless
                // it is limited to devices (a record that is not a reading belongs to none).
                if (consumer is not null && devices.Count == 0)
                {
                    await consumer.AddRejectedAsync(ToStreamRecord(replayed), cancellationToken);
                }

                continue;
            }

            if (devices.Count > 0 && !devices.Contains(decoded.Reading.DeviceId))
            {
                summary.Skipped();
                continue;
            }

            if (windows is not null && !windows.Holds(decoded.Reading.DeviceId, decoded.Reading.Timestamp))
            {
                summary.Outside();
                continue;
            }

            summary.Reading(decoded.Reading.DeviceId, record.ApproximateArrivalTimestamp);
            if (output is not null)
            {
                await output.WriteAsync(record.Data, cancellationToken);
            }

            if (consumer is not null)
            {
                await consumer.AddAsync(ToStreamRecord(replayed), cancellationToken);
            }
        }

        if (output is not null)
        {
            await output.CompleteAsync(cancellationToken);
        }

        if (reader.Archive is { } archive)
        {
            summary.ArchiveRead(new ArchiveSummary(archive.Boundary, archive.Lead.Objects, archive.Lead.Unreadable, archive.Lead.LeftToStream, archive.TrimmedTo));
        }

        if (consumer is not null)
        {
            await consumer.FlushAsync(cancellationToken);
            summary.Applied(consumer.Accepted, consumer.Rejected, consumer.Failed);
        }

        return summary.Finish(time.GetUtcNow() - started);
    }

    private static StreamRecord ToStreamRecord(ReplayedRecord replayed) =>
        StreamRecord.FromBytes(replayed.ShardId, replayed.Record.SequenceNumber, replayed.Record.PartitionKey, replayed.Record.Data.Span, replayed.Record.ApproximateArrivalTimestamp) with
        {
            SubSequence = replayed.SubSequence,
        };

    private static string Describe(ReplayProgress p) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"replay: {p.Records:N0} records, shards {p.ShardsDone}/{p.Shards} done{(p.Position is { } at ? $", at {at:yyyy-MM-ddTHH:mm:ssZ}" : "")}, {p.MillisBehindLatest / 1000.0:0.0} s behind the tip");

    // The archive's part when the replay starts before the oldest record the stream keeps; else null. Without an
    // archive, or with --no-archive, what is left out is said instead.
    private async Task<ArchivePart?> ArchiveLeadAsync(
        ReplaySettings settings,
        PipelineTarget target,
        ArchiveSource? source,
        StreamReplayReader reader,
        DateTimeOffset from,
        DateTimeOffset horizon,
        CancellationToken cancellationToken)
    {
        var earliest = await reader.EarliestArrivalAsync(cancellationToken);
        if (earliest is { } oldest && from >= oldest)
        {
            return null;
        }

        if (source is null)
        {
            WarnBeyondStream(target.StreamName, from, earliest ?? time.GetUtcNow(), settings.NoArchive);
            return null;
        }

        var boundary = ArchiveBoundary.Of(earliest, horizon, time.GetUtcNow());
        standardError.Writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"replay: the stream keeps records from {(earliest is { } e ? e.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "none")}; what arrived from {from:yyyy-MM-ddTHH:mm:ssZ} to {boundary:yyyy-MM-ddTHH:mm:ssZ} is read from the archive ({source.Description}) first, the rest from the stream."));
        return new ArchivePart(new ArchiveLead(source, reader, standardError.Writer, time), boundary, source.Settings.BufferingInterval);
    }

    private static async Task<DateTimeOffset> TrimHorizonAsync(IKinesisClient kinesis, string streamName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var summary = await kinesis.DescribeStreamSummaryAsync(streamName, cancellationToken);
        return now - TimeSpan.FromHours(summary.RetentionPeriodHours);
    }

    // What the stream does not hold and the archive is not asked for: said up front, not discovered as a gap.
    private void WarnBeyondStream(string streamName, DateTimeOffset from, DateTimeOffset kept, bool noArchive) =>
        standardError.Writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"replay: stream '{streamName}' keeps records from {kept:yyyy-MM-ddTHH:mm:ssZ}; what arrived from {from:yyyy-MM-ddTHH:mm:ssZ} before that is not read ({(noArchive ? "--no-archive" : "no archive in config/pipeline.json")}; ./telemetry archive cat --from {from:yyyy-MM-ddTHH:mm:ssZ} --to {kept:yyyy-MM-ddTHH:mm:ssZ} reads an archive)."));
}
