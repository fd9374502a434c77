using System.Globalization;
using System.Text;
using System.Text.Json;
using Telemetry.Aws.Kinesis;
using Telemetry.Cli.Commands.Redrive;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Tests.Redrive;

[Trait("Category", "Integration")]
public sealed class RedriveLocalStackTests
{
    private const int Readings = 5;

    [Fact]
    public async Task Redrive_SkippedBatchNotCounted_CountsEachReadingOnceAndTwiceChangesNothing()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-redrive-").FullName;
        try
        {
            // Functions off: nothing consumes the stream, so the rollups hold only what redrive applies.
            var state = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = data, ShardCount = 1, StartFunctions = false }.WithFreePorts());
            using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
            var device = $"redrive-{Guid.NewGuid():N}"[..20];
            var now = DateTimeOffset.UtcNow;
            var entries = Enumerable.Range(1, Readings)
                .Select(i => new PutRecordsEntry(ReadingCodec.Encode(Reading(device, now.AddSeconds(-i), i)), device))
                .Append(new PutRecordsEntry(Encoding.UTF8.GetBytes("{not json"), device))
                .ToList();
            var put = await kinesis.PutRecordsAsync(state.StreamName, entries);
            Assert.Equal(0, put.FailedRecordCount);
            var arn = (await kinesis.DescribeStreamSummaryAsync(state.StreamName)).StreamArn;
            var line = OnFailureLine(put.Entries[0].ShardId!, put.Entries[0].SequenceNumber!, put.Entries[^1].SequenceNumber!, entries.Count, arn);
            var path = FunctionServicePaths.OnFailure(data, "aggregator");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, line + "\n");

            var dryRun = await RunJsonAsync("redrive", "--dry-run", "--json", "--data-dir", data);
            var first = await RunJsonAsync("redrive", "--json", "--data-dir", data);
            var afterFirst = await CountAsync(state, device);
            var second = await RunJsonAsync("redrive", "--json", "--data-dir", data);

            Assert.Equal((0, 1, 1, 6, 0), (dryRun.ExitCode, dryRun.Int("batches"), dryRun.Int("redriven"), dryRun.Int("records"), dryRun.Int("readings")));
            Assert.Equal((0, 1, 6, Readings, 1, 0), (first.ExitCode, first.Int("redriven"), first.Int("records"), first.Int("readings"), first.Int("rejected"), first.Int("lostToRetention")));
            Assert.Equal((Readings, Readings), afterFirst);
            Assert.Equal((0, 0), (second.ExitCode, second.Int("batches")));
            Assert.Equal(afterFirst, await CountAsync(state, device));
            Assert.Equal(string.Empty, await File.ReadAllTextAsync(path));

            // The same range again, beside a line that is not a record: counted before, so nothing changes; the bad line stays.
            await File.WriteAllTextAsync(path, $"{line}\n{{truncated\n");
            var again = await RunJsonAsync("redrive", "--json", "--data-dir", data);

            Assert.Equal((1, 1, 1, 1), (again.ExitCode, again.Int("redriven"), again.Int("malformed"), again.Int("failed") + 1));
            Assert.Equal(afterFirst, await CountAsync(state, device));
            Assert.Equal("{truncated\n", await File.ReadAllTextAsync(path));
            Assert.Equal($"{line}\n{line}\n", await File.ReadAllTextAsync(path + OnFailureFile.RedrivenSuffix));
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }

    [Fact]
    public async Task Redrive_RangeTrimmedFromTheStream_ReportsLostToRetentionAndExitsOne()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-redrive-").FullName;
        try
        {
            var state = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = data, ShardCount = 1, StartFunctions = false }.WithFreePorts());
            using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
            var put = await kinesis.PutRecordsAsync(state.StreamName, [new PutRecordsEntry(Encoding.UTF8.GetBytes("{not json"), "d")]);
            var arn = (await kinesis.DescribeStreamSummaryAsync(state.StreamName)).StreamArn;
            // A batch of three whose first two records are gone: the range starts before what the shard still holds.
            var sequence = System.Numerics.BigInteger.Parse(put.Entries[0].SequenceNumber!, CultureInfo.InvariantCulture);
            var line = OnFailureLine(put.Entries[0].ShardId!, (sequence - 2).ToString(CultureInfo.InvariantCulture), put.Entries[0].SequenceNumber!, 3, arn);
            var path = FunctionServicePaths.OnFailure(data, "aggregator");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, line + "\n");

            var (exitCode, output) = await CliRunner.RunAsync("redrive", "--data-dir", data);

            Assert.Equal(1, exitCode);
            Assert.True(output.Contains("lost to retention:            2 record(s)", StringComparison.Ordinal), output);
            Assert.Equal(line + "\n", await File.ReadAllTextAsync(path));
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }

    private static Reading Reading(string device, DateTimeOffset timestamp, long sequence) =>
        new(ReadingSchema.CurrentVersion, device, "thermostat", "site-a", timestamp, sequence, new Dictionary<string, double> { ["temp"] = sequence });

    private static string OnFailureLine(string shard, string start, string end, int size, string arn) =>
        $$$"""{"requestContext":{"requestId":"r","functionArn":"arn:aws:lambda:us-east-1:000000000000:function:aggregator","condition":"RetryAttemptsExhausted","approximateInvokeCount":2},"version":"1.0","timestamp":"2026-01-01T00:00:00.000Z","KinesisBatchInfo":{"shardId":"{{{shard}}}","startSequenceNumber":"{{{start}}}","endSequenceNumber":"{{{end}}}","batchSize":{{{size}}},"streamArn":"{{{arn}}}"}}""";

    private static async Task<(long Minute, long Hour)> CountAsync(LocalStackState state, string device)
    {
        using var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb));
        var reader = new RollupReader(dynamo, state.TableName);
        return (await reader.CountReadingsAsync(Resolution.Minute, device, CancellationToken.None),
            await reader.CountReadingsAsync(Resolution.Hour, device, CancellationToken.None));
    }

    private static async Task<JsonResult> RunJsonAsync(params string[] args)
    {
        var (exitCode, output) = await CliRunner.RunAsync(args);
        return new JsonResult(exitCode, JsonDocument.Parse(output).RootElement.Clone());
    }

    private sealed record JsonResult(int ExitCode, JsonElement Json)
    {
        public int Int(string name) => Json.GetProperty(name).GetInt32();
    }
}
