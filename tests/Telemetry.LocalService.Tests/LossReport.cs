using System.Globalization;
using System.Text;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Service;
using Telemetry.Processing;
using Telemetry.Producer.Ledger;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;

namespace Telemetry.LocalService.Tests;

/// <summary>
/// Explains a count short of the ledger: which readings each resolution misses, and for each where it got to — on
/// the stream or not (shard, sequence number, arrival), behind the consumer's checkpoint or not, in the rejected sink
/// or the on-failure file — with the function service's log around it. Reads the emulators directly, not through
/// the fault proxy, so that what it reports is what they hold.
/// </summary>
internal static class LossReport
{
    private const int LogLinesAround = 40;

    public static async Task<string> DescribeAsync(LocalTestStack stack, ProducerLedger ledger)
    {
        var state = stack.State;
        var text = new StringBuilder();
        using var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb));
        var reader = new RollupReader(dynamo, state.TableName);

        var missing = new List<(ReadingId Id, Resolution Resolution)>();
        foreach (var device in ledger.Devices)
        {
            foreach (var resolution in new[] { Resolution.Minute, Resolution.Hour })
            {
                var windows = await reader.ReadAbsorbedAsync(device.DeviceId, resolution, CancellationToken.None);
                var absorbed = new SequenceRanges();
                foreach (var window in windows)
                {
                    if (window.Absorbed.ByBoot.TryGetValue(device.Boot, out var ranges))
                    {
                        absorbed.UnionWith(ranges);
                    }

                    if (window.Readings != window.Absorbed.Count)
                    {
                        text.AppendLine(Invariant($"{device.DeviceId} {resolution.Code()} window {window.Start:O} counts {window.Readings} readings but records {window.Absorbed.Count} ids"));
                    }
                }

                foreach (var range in device.Acknowledged.Except(absorbed).Ranges)
                {
                    for (var seq = range.First; seq <= range.Last; seq++)
                    {
                        missing.Add((new ReadingId(device.DeviceId, device.Boot, seq), resolution));
                    }
                }
            }
        }

        var stream = await ReadStreamAsync(state.EmulatorEndpoint(EmulatorKind.Kinesis), state.StreamName);
        var checkpoints = new FileCheckpointStore(FunctionServicePaths.Checkpoints(stack.DataDirectory));
        text.AppendLine(Invariant($"missing: {missing.Count} (reading, resolution) pairs; stream holds {stream.Positions.Count} distinct readings in {stream.Records} records"));
        foreach (var shard in stream.LastByShard.Keys.Order(StringComparer.Ordinal))
        {
            var checkpoint = await checkpoints.GetAsync(LocalFunctionCatalog.Aggregator, shard, CancellationToken.None);
            text.AppendLine(Invariant($"  {shard}: last record {stream.LastByShard[shard]}, checkpoint {checkpoint ?? "(none)"}"));
        }

        var rejected = await ReadRejectedAsync(dynamo, state.TableName, ledger.StartedAt);
        var log = ReadLines(FunctionServicePaths.Log(stack.DataDirectory));
        var needles = new List<string>();
        foreach (var (id, resolution) in missing)
        {
            text.AppendLine(Invariant($"- {id.DeviceId} boot {id.Boot} seq {id.Sequence}: missing from the {resolution.Code()} rollups"));
            var positions = stream.Positions.GetValueOrDefault(id) ?? [];
            if (positions.Count == 0)
            {
                text.AppendLine("    not on the stream");
            }

            foreach (var position in positions)
            {
                var checkpoint = await checkpoints.GetAsync(LocalFunctionCatalog.Aggregator, position.ShardId, CancellationToken.None);
                var behind = checkpoint is not null && SequenceNumber.Parse(position.SequenceNumber) <= SequenceNumber.Parse(checkpoint);
                text.AppendLine(Invariant($"    on {position.ShardId} at {position.SequenceNumber}, arrived {position.Arrival:O}; {(behind ? "behind" : "past")} the checkpoint"));
                needles.Add(position.SequenceNumber);
                foreach (var row in rejected.Where(r => r.ShardId == position.ShardId && r.SequenceNumber == position.SequenceNumber))
                {
                    text.AppendLine(Invariant($"    rejected: {row.Reason}: {row.Message}"));
                }
            }
        }

        foreach (var (shardId, sequenceNumber, reason) in stream.Undecodable)
        {
            text.AppendLine(Invariant($"undecodable on the stream: {shardId}:{sequenceNumber} {reason}"));
        }

        text.AppendLine(Invariant($"rejected sink: {rejected.Count} rows{(rejected.Count == 0 ? string.Empty : ": " + string.Join("; ", rejected.Take(10).Select(r => $"{r.ShardId}:{r.SequenceNumber} {r.Reason}")))}"));
        var onFailure = FunctionServicePaths.OnFailure(stack.DataDirectory, LocalFunctionCatalog.Aggregator);
        text.AppendLine(File.Exists(onFailure) ? $"on-failure file:{Environment.NewLine}{await File.ReadAllTextAsync(onFailure)}" : "on-failure file: none");
        text.AppendLine(Invariant($"function service log ({log.Count} lines; those naming a missing record, else the last {LogLinesAround}):"));
        var named = log.Where(line => needles.Any(n => line.Contains(n, StringComparison.Ordinal))).ToList();
        foreach (var line in named.Count > 0 ? named : log.TakeLast(LogLinesAround))
        {
            text.AppendLine("    " + line);
        }

        return text.ToString();
    }

    private static async Task<StreamContents> ReadStreamAsync(Uri endpoint, string streamName)
    {
        using var kinesis = LocalClients.Kinesis(endpoint);
        var contents = new StreamContents();
        foreach (var shard in await kinesis.ListShardsAsync(streamName))
        {
            var iterator = await kinesis.GetShardIteratorAsync(streamName, shard.ShardId, ShardIteratorPosition.TrimHorizon);
            while (iterator is not null)
            {
                var page = await kinesis.GetRecordsAsync(iterator, 10_000);
                foreach (var record in page.Records)
                {
                    // An aggregated record's readings are looked up one by one, as the consumers count them.
                    var users = new List<Telemetry.Contracts.Kpl.KplUserRecord>();
                    Telemetry.Contracts.Kpl.KplReader.ReadOrKeep(record.Data, record.PartitionKey, users);
                    foreach (var user in users)
                    {
                        contents.Add(shard.ShardId, record with { Data = user.Data, PartitionKey = user.PartitionKey });
                    }
                }

                iterator = page.Records.Count == 0 ? null : page.NextShardIterator;
            }
        }

        return contents;
    }

    private static async Task<List<RejectedRow>> ReadRejectedAsync(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo, string tableName, DateTimeOffset since)
    {
        var reader = new RejectedReader(dynamo, tableName);
        var rows = new List<RejectedRow>();
        for (var day = DateOnly.FromDateTime(since.UtcDateTime.AddDays(-1)); day <= DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)); day = day.AddDays(1))
        {
            rows.AddRange(await reader.QueryRejectedAsync(day, CancellationToken.None));
        }

        return rows;
    }

    private static List<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        // The service may still be writing; share the file rather than fail.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record StreamPosition(string ShardId, string SequenceNumber, DateTimeOffset Arrival);

    private sealed class StreamContents
    {
        public Dictionary<ReadingId, List<StreamPosition>> Positions { get; } = [];

        public Dictionary<string, string> LastByShard { get; } = new(StringComparer.Ordinal);

        public List<(string ShardId, string SequenceNumber, RejectReason Reason)> Undecodable { get; } = [];

        public int Records { get; private set; }

        public void Add(string shardId, KinesisRecord record)
        {
            Records++;
            LastByShard[shardId] = record.SequenceNumber;
            var decoded = ReadingDecoder.Decode(record.Data.Span, DateTimeOffset.UtcNow);
            if (!decoded.IsAccepted)
            {
                Undecodable.Add((shardId, record.SequenceNumber, decoded.Reason));
                return;
            }

            if (!Positions.TryGetValue(decoded.Reading!.Id, out var positions))
            {
                positions = [];
                Positions.Add(decoded.Reading.Id, positions);
            }

            positions.Add(new StreamPosition(shardId, record.SequenceNumber, record.ApproximateArrivalTimestamp));
        }
    }
}
