using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using Telemetry.Contracts;
using Telemetry.Contracts.Archive;
using Telemetry.Local.Archive;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;
using Telemetry.Processing;

namespace Telemetry.Cli.Tests;

/// <summary>
/// Replay from before the stream's oldest record: the archive holds an object of readings put before the stream
/// was created (as after a retention trim), with two of the stream's own readings in it as well.
/// </summary>
[Collection(ReplayStackCollection.Name)]
public sealed class ReplayArchiveTests(ReplayStackFixture stack)
{
    private const string OldDevice = "replay-old";

    [Fact]
    public async Task Replay_FromBeforeTheStreamsOldestRecord_ArchiveFirstThenStreamEachReadingOnce()
    {
        var twoOfTheStream = await StreamLinesAsync("replay-a", 2);
        var key = await PutArchiveObjectAsync(OldMinute, [.. OldLines(), .. twoOfTheStream]);
        try
        {
            var file = Path.Combine(stack.Data, $"archive-{Guid.NewGuid():N}.ndjson");
            var (exitCode, log) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddMinutes(-15).ToString("O"), "--into", file, "--data-dir", stack.Data);
            Assert.True(exitCode == 0, log);
            var (dryCode, json) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddMinutes(-15).ToString("O"), "--dry-run", "--json", "--data-dir", stack.Data);
            var (streamOnlyCode, streamOnly) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddMinutes(-15).ToString("O"), "--dry-run", "--json", "--no-archive", "--data-dir", stack.Data);
            var (rollupsCode, rollups) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddMinutes(-15).ToString("O"), "--into", "rollups", "--dry-run", "--json", "--data-dir", stack.Data);
            var lines = (await File.ReadAllLinesAsync(file)).Select(Identity).ToList();
            using var rollupsSummary = JsonDocument.Parse(rollups);
            using var summary = JsonDocument.Parse(json);
            using var streamSummary = JsonDocument.Parse(streamOnly);

            Assert.Equal((0, 0, 0, 0), (exitCode, dryCode, streamOnlyCode, rollupsCode));
            // Only the archive's readings were never counted: the old device's minute and hour would be created.
            Assert.Equal(
                [(OldDevice, "1m", "created"), (OldDevice, "1h", "created")],
                rollupsSummary.RootElement.GetProperty("changes").EnumerateArray()
                    .Select(c => (c.GetProperty("deviceId").GetString(), c.GetProperty("resolution").GetString(), c.GetProperty("change").GetString()))
                    .OrderBy(c => c.Item2 == "1h"));
            Assert.Equal(Enumerable.Range(1, 5).Select(seq => (OldDevice, (long)seq)), lines.Take(5));
            Assert.Equal(ReplayStackFixture.Readings + 5, lines.Count);
            Assert.Equal(lines.Count, lines.Distinct().Count());
            Assert.Equal(
                (ReplayStackFixture.Readings + 5L, 5L),
                (summary.RootElement.GetProperty("readings").GetInt64(), summary.RootElement.GetProperty("fromArchive").GetInt64()));
            Assert.True(summary.RootElement.GetProperty("archive").GetProperty("leftToStream").GetInt64() >= 2);
            Assert.Equal((long)ReplayStackFixture.Readings, streamSummary.RootElement.GetProperty("readings").GetInt64());
        }
        finally
        {
            using var s3 = LocalAws.S3(stack.State.EmulatorEndpoint(EmulatorKind.S3));
            await s3.DeleteObjectAsync(stack.State.BucketName, key);
        }
    }

    [Fact]
    public async Task ReplayRebuild_FromBeforeTheStreamsOldestRecord_ArchivedWindowsAddedTheOthersAsTheyWere()
    {
        var key = await PutArchiveObjectAsync(OldMinute, OldLines());
        try
        {
            var (exitCode, log) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddMinutes(-15).ToString("O"), "--into", "rollups", "--rebuild", "--data-dir", stack.Data);
            var items = await stack.RollupItemsAsync(withVersion: false);

            Assert.True(exitCode == 0, log);
            Assert.Equal(stack.Truth, items.Where(i => !i.Contains(OldDevice, StringComparison.Ordinal)));
            Assert.Equal(2, items.Count(i => i.Contains(OldDevice, StringComparison.Ordinal) && i.Contains("readings=5", StringComparison.Ordinal)));
        }
        finally
        {
            using var s3 = LocalAws.S3(stack.State.EmulatorEndpoint(EmulatorKind.S3));
            await s3.DeleteObjectAsync(stack.State.BucketName, key);
            using var dynamo = LocalAws.DynamoDb(stack.State.EmulatorEndpoint(EmulatorKind.DynamoDb));
            foreach (var resolution in new[] { Resolution.Minute, Resolution.Hour })
            {
                await dynamo.DeleteItemAsync(stack.State.TableName, new()
                {
                    ["pk"] = new() { S = Telemetry.Storage.Rollups.RollupTable.DevicePartition(OldDevice, resolution) },
                    ["sk"] = new() { S = Telemetry.Storage.Rollups.RollupTable.WindowSortKey(resolution.WindowStart(OldMinute)) },
                });
            }
        }
    }

    // One minute, ten minutes before the stream's first reading: the old device's five readings are in it.
    private DateTimeOffset OldMinute => Resolution.Minute.WindowStart(stack.Before.AddMinutes(-10));

    private IReadOnlyList<string> OldLines() =>
        [.. Enumerable.Range(1, 5).Select(seq => Encoding.UTF8.GetString(ReadingCodec.Encode(
            new Reading(2, OldDevice, "thermostat", "lab", OldMinute.AddSeconds(seq), seq, new Dictionary<string, double> { ["temperature"] = seq }, 1))))];

    private async Task<IReadOnlyList<string>> StreamLinesAsync(string device, int count)
    {
        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--to", stack.BetweenBatches.ToString("O"), "--device", device, "--no-archive", "--data-dir", stack.Data);
        Assert.Equal(0, exitCode);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(count)];
    }

    // As the delivery stream names and writes it: gzip NDJSON under the prefix of its oldest arrival.
    private async Task<string> PutArchiveObjectAsync(DateTimeOffset oldestArrival, IReadOnlyList<string> lines)
    {
        var settings = PipelineConfig.Archive() ?? throw new InvalidOperationException("config/pipeline.json has no archive");
        var format = new NdjsonGzipFormat();
        var name = new ArchiveObjectName(settings.Prefix.Evaluate(oldestArrival), settings.DeliveryStreamName, settings.Version, oldestArrival, Guid.NewGuid(), format.Extension);
        var content = format.Encode([.. lines.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l))]).Content;
        using var s3 = LocalAws.S3(stack.State.EmulatorEndpoint(EmulatorKind.S3));
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = stack.State.BucketName, Key = name.Key, InputStream = new MemoryStream(content), UseChunkEncoding = false });
        return name.Key;
    }

    private static (string Device, long Seq) Identity(string line)
    {
        using var json = JsonDocument.Parse(line);
        return (json.RootElement.GetProperty("deviceId").GetString()!, json.RootElement.GetProperty("seq").GetInt64());
    }
}
