using System.Numerics;
using System.Text;
using System.Text.Json;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Amazon.DynamoDBv2.Model;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Tests;

/// <summary>
/// One local stack whose only shard is split mid-run: readings 1-10 of each device in the parent, 11-20 in a child,
/// and a poison record.
/// </summary>
public sealed class ReplayStackFixture : IAsyncLifetime
{
    public static readonly string[] DeviceIds = ["replay-a", "replay-b", "replay-c"];

    public string Data { get; } = Directory.CreateTempSubdirectory("telemetry-replay-").FullName;

    public DateTimeOffset Before { get; private set; }

    /// <summary>After the parent's readings were acknowledged and before the children's were put.</summary>
    public DateTimeOffset BetweenBatches { get; private set; }

    public async Task InitializeAsync()
    {
        var state = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = Data, ShardCount = 1 }.WithFreePorts());
        using var kinesis = LocalClients.Kinesis(state.EmulatorEndpoint(EmulatorKind.Kinesis));
        Before = DateTimeOffset.UtcNow;
        var put = new List<PutRecordsResultEntry>(await PutAsync(kinesis, state.StreamName, 1, [new PutRecordsEntry(Encoding.UTF8.GetBytes("{not json"), "replay-poison")]));
        BetweenBatches = DateTimeOffset.UtcNow;

        var parent = (await kinesis.ListShardsAsync(state.StreamName)).Single();
        await kinesis.SplitShardAsync(state.StreamName, parent.ShardId, (BigInteger.Pow(2, 128) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Poll.UntilAsync(
            async () => (await kinesis.DescribeStreamSummaryAsync(state.StreamName)).StreamStatus,
            status => status == "ACTIVE",
            TimeSpan.FromSeconds(30),
            "the split to finish");
        put.AddRange(await PutAsync(kinesis, state.StreamName, 11, []));

        // The aggregator has counted everything before any test replays it.
        var targets = put.GroupBy(e => e.ShardId!).ToDictionary(g => g.Key, g => g.MaxBy(e => SequenceNumber.Parse(e.SequenceNumber!))!.SequenceNumber!);
        await LocalConsumer.WaitUntilCaughtUpAsync("aggregator", state, Data, targets, TimeSpan.FromMinutes(1), TimeProvider.System);
        State = state;
    }

    public LocalStackState State { get; private set; } = null!;

    private static async Task<IReadOnlyList<PutRecordsResultEntry>> PutAsync(KinesisClient kinesis, string stream, int first, PutRecordsEntry[] extra)
    {
        var at = DateTimeOffset.UtcNow;
        var entries = DeviceIds
            .SelectMany(device => Enumerable.Range(first, 10).Select(seq =>
                new PutRecordsEntry(ReadingCodec.Encode(new Reading(2, device, "thermostat", "lab", at.AddMilliseconds(seq), seq, new Dictionary<string, double> { ["temperature"] = seq }, 1)), device)))
            .Concat(extra)
            .ToList();
        var result = await kinesis.PutRecordsAsync(stream, entries);
        Assert.Equal(0, result.FailedRecordCount);
        return result.Entries;
    }

    public Task DisposeAsync() => LocalStack.ResetAsync(Data);
}

public sealed class ReplayTests(ReplayStackFixture stack) : IClassFixture<ReplayStackFixture>
{
    private static IEnumerable<(string Device, long Seq)> Readings(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.GetProperty("deviceId").GetString()!, json.RootElement.GetProperty("seq").GetInt64());
        }).ToList();

    [Fact]
    public async Task Replay_AcrossASplit_WritesEveryReadingOnceParentBeforeChildToTheFile()
    {
        var file = Path.Combine(stack.Data, $"all-{Guid.NewGuid():N}.ndjson");

        var (exitCode, _) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--into", file, "--data-dir", stack.Data);
        var readings = Readings(await File.ReadAllTextAsync(file)).ToList();

        Assert.Equal(0, exitCode);
        Assert.Equal(60, readings.Count);
        Assert.All(ReplayStackFixture.DeviceIds, device =>
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), readings.Where(r => r.Device == device).Select(r => r.Seq)));
        Assert.Empty(Directory.GetFiles(stack.Data, "*.partial"));
    }

    [Fact]
    public async Task Replay_ToBeforeTheSplit_OnlyTheParentsReadingsOfOneDeviceOnStdout()
    {
        var (exitCode, output) = await CliRunner.RunAsync(
            "replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--to", stack.BetweenBatches.ToString("O"), "--device", "replay-b", "--data-dir", stack.Data);

        Assert.Equal(0, exitCode);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => ("replay-b", (long)i)), Readings(output));
    }

    [Fact]
    public async Task ReplayDryRunJson_WholeRun_CountsReadingsAndThePoisonAndWritesNothing()
    {
        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--dry-run", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            (61L, 60L, 1L, 3, JsonValueKind.Null),
            (summary.RootElement.GetProperty("records").GetInt64(), summary.RootElement.GetProperty("readings").GetInt64(),
             summary.RootElement.GetProperty("notReadings").GetInt64(), summary.RootElement.GetProperty("devices").GetInt32(),
             summary.RootElement.GetProperty("into").ValueKind));
    }

    [Fact]
    public async Task ReplayDryRunJson_FromAfterEveryRecord_ReadsNothingAndEnds()
    {
        // Every shard has records, none at or after --from: kinesalite answered such an AT_TIMESTAMP iterator never.
        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", DateTimeOffset.UtcNow.ToString("O"), "--dry-run", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);

        Assert.Equal(0, exitCode);
        Assert.Equal(0, summary.RootElement.GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task ReplayIntoRollups_DataAlreadyCounted_EveryRollupItemUnchanged()
    {
        var before = await RollupItemsAsync();

        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--into", "rollups", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);
        var after = await RollupItemsAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal((60L, 1L, 0L), (summary.RootElement.GetProperty("accepted").GetInt64(), summary.RootElement.GetProperty("rejected").GetInt64(), summary.RootElement.GetProperty("failed").GetInt64()));
        Assert.NotEmpty(before);
        Assert.Equal(before, after);
    }

    // Every attribute of every rollup item (partition keys D#…), as text, sorted: a change anywhere shows.
    private async Task<IReadOnlyList<string>> RollupItemsAsync()
    {
        using var dynamo = LocalAws.DynamoDb(stack.State.EmulatorEndpoint(EmulatorKind.DynamoDb));
        var items = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = stack.State.TableName, ExclusiveStartKey = start });
            items.AddRange(page.Items
                .Where(i => i["pk"].S.StartsWith("D#", StringComparison.Ordinal))
                .Select(i => string.Join(";", i.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={Describe(a.Value)}"))));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return [.. items.Order(StringComparer.Ordinal)];
    }

    private static string Describe(AttributeValue value) =>
        value.S ?? value.N ?? (value.B is { } b ? Convert.ToBase64String(b.ToArray()) : null)
        ?? (value.M is { Count: > 0 } m ? "{" + string.Join(",", m.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}:{Describe(e.Value)}")) + "}" : null)
        ?? (value.L is { Count: > 0 } l ? "[" + string.Join(",", l.Select(Describe)) + "]" : null)
        ?? (value.SS is { Count: > 0 } ss ? string.Join(",", ss.Order(StringComparer.Ordinal)) : null)
        ?? (value.NS is { Count: > 0 } ns ? string.Join(",", ns.Order(StringComparer.Ordinal)) : null)
        ?? (value.BOOL is { } flag ? flag.ToString() : "null");

    [Fact]
    public async Task Replay_IntoAnExistingFile_ExitsTwoAndLeavesItAlone()
    {
        var file = Path.Combine(stack.Data, $"kept-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(file, "mine\n");

        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", "1h", "--into", file, "--data-dir", stack.Data);

        Assert.Equal(2, exitCode);
        Assert.Contains("the file exists", output, StringComparison.Ordinal);
        Assert.Equal("mine\n", await File.ReadAllTextAsync(file));
    }
}
