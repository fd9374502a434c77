using System.Numerics;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Tests;

/// <summary>
/// One local stack whose only shard is split mid-run: readings 1-10 of each device in the parent, 11-20 in a child,
/// a poison record, and a thermostat that overheats for 40 s (one alert raised and cleared).
/// </summary>
public sealed class ReplayStackFixture : IAsyncLifetime
{
    public const string HotDevice = "replay-hot";

    public static readonly string[] DeviceIds = ["replay-a", "replay-b", "replay-c"];

    /// <summary>The hot thermostat's readings: 30 °C every 10 s for 40 s (the overheat rule's 30 s), then 20 °C.</summary>
    public static readonly double[] HotTemperatures = [30, 30, 30, 30, 30, 20];

    /// <summary>Every reading put: 20 of each device and the hot thermostat's.</summary>
    public static int Readings => (DeviceIds.Length * 20) + HotTemperatures.Length;

    public string Data { get; } = Directory.CreateTempSubdirectory("telemetry-replay-").FullName;

    public DateTimeOffset Before { get; private set; }

    /// <summary>After the parent's readings were acknowledged and before the children's were put.</summary>
    public DateTimeOffset BetweenBatches { get; private set; }

    public async Task InitializeAsync()
    {
        var state = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = Data, ShardCount = 1, FlushInterval = TimeSpan.FromSeconds(1) }.WithFreePorts());
        using var kinesis = LocalClients.Kinesis(state.EmulatorEndpoint(EmulatorKind.Kinesis));
        Before = DateTimeOffset.UtcNow;
        var put = new List<PutRecordsResultEntry>(await PutAsync(kinesis, state.StreamName, 1, [new PutRecordsEntry(Encoding.UTF8.GetBytes("{not json"), "replay-poison"), .. Hot(Before)]));
        BetweenBatches = DateTimeOffset.UtcNow;

        var parent = (await kinesis.ListShardsAsync(state.StreamName)).Single();
        await kinesis.SplitShardAsync(state.StreamName, parent.ShardId, (BigInteger.Pow(2, 128) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Poll.UntilAsync(
            async () => (await kinesis.DescribeStreamSummaryAsync(state.StreamName)).StreamStatus,
            status => status == "ACTIVE",
            TimeSpan.FromSeconds(30),
            "the split to finish");
        put.AddRange(await PutAsync(kinesis, state.StreamName, 11, []));

        // The aggregator and the alerter have processed everything before any test replays it.
        var targets = put.GroupBy(e => e.ShardId!).ToDictionary(g => g.Key, g => g.MaxBy(e => SequenceNumber.Parse(e.SequenceNumber!))!.SequenceNumber!);
        await LocalConsumer.WaitUntilCaughtUpAsync("aggregator", state, Data, targets, TimeSpan.FromMinutes(1), TimeProvider.System);
        await LocalConsumer.WaitUntilCaughtUpAsync("alerter", state, Data, targets, TimeSpan.FromMinutes(1), TimeProvider.System);
        State = state;
        Truth = await RollupItemsAsync(withVersion: false);
    }

    /// <summary>The rollup items as the aggregator left them (without <c>ver</c>), taken once: a test that damages them cannot move it.</summary>
    public IReadOnlyList<string> Truth { get; private set; } = [];

    public LocalStackState State { get; private set; } = null!;

    private static IEnumerable<PutRecordsEntry> Hot(DateTimeOffset at) =>
        HotTemperatures.Select((temperature, i) => new PutRecordsEntry(
            ReadingCodec.Encode(new Reading(2, HotDevice, "thermostat", "lab", at.AddSeconds(10 * i), i + 1, new Dictionary<string, double> { ["temperature"] = temperature }, 1)),
            HotDevice));

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

    // Every attribute of every rollup item (partition keys D#…), as text, sorted: a change anywhere shows. Without
    // the version, which counts writes: a rebuild writes each window again to the same content. Then hours are shown
    // as readers see them, not as stored: an hour item is written only once its hour has ended (docs/hour-rollups.md),
    // so an hour that ends between two looks would otherwise count as a change.
    public async Task<IReadOnlyList<string>> RollupItemsAsync(bool withVersion = true)
    {
        if (withVersion)
        {
            return await ItemsAsync("D#");
        }

        var minutes = (await ItemsAsync("D#", "ver")).Where(i => !i.Contains("resolution=1h", StringComparison.Ordinal)).ToList();
        var devices = minutes.Select(i => i.Split(';').First(a => a.StartsWith("deviceId=", StringComparison.Ordinal))["deviceId=".Length..]).Distinct();
        using var dynamo = LocalAws.DynamoDb(State.EmulatorEndpoint(EmulatorKind.DynamoDb));
        var reader = new RollupReader(dynamo, State.TableName);
        var hours = new List<string>();
        foreach (var device in devices)
        {
            hours.AddRange((await reader.QueryAsync(device, Resolution.Hour, null, null, null, CancellationToken.None)).Select(r =>
                $"hour;deviceId={r.DeviceId};windowStart={RollupTable.WindowSortKey(r.WindowStart)};readings={r.ReadingCount};m=" +
                string.Join(",", r.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}:{m.Value}"))));
        }

        return [.. minutes.Concat(hours).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every item whose partition key starts with <paramref name="prefix"/>, all attributes but <paramref name="leftOut"/> as text, sorted.</summary>
    public async Task<IReadOnlyList<string>> ItemsAsync(string prefix, params string[] leftOut)
    {
        using var dynamo = LocalAws.DynamoDb(State.EmulatorEndpoint(EmulatorKind.DynamoDb));
        var items = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = State.TableName, ExclusiveStartKey = start });
            items.AddRange(page.Items
                .Where(i => i["pk"].S.StartsWith(prefix, StringComparison.Ordinal))
                .Select(i => string.Join(";", i.Where(a => !leftOut.Contains(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={Describe(a.Value)}"))));
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

    public Task DisposeAsync() => LocalStack.ResetAsync(Data);
}

[CollectionDefinition(Name)]
public sealed class ReplayStackCollection : ICollectionFixture<ReplayStackFixture>
{
    public const string Name = "replay stack";
}
