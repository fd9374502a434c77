using System.Text.Json.Nodes;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Service;

namespace Telemetry.Local.Tests;

public sealed class FunctionServiceStatusTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Load_SavedWithARetryingShard_ReadsTheShardItsFailuresAndLastError()
    {
        var directory = Directory.CreateTempSubdirectory("telemetry-status-").FullName;
        var retrying = new ShardRetryState("shardId-000000000001", 7, At, "the function threw TimeoutException", At.AddSeconds(20));
        var consumer = new ConsumerStatus("aggregator", true, 9, 0, 8, 0, new Dictionary<string, string?>(), retrying.LastError, retrying.LastErrorAt)
        {
            RetryingShards = [retrying],
        };

        new FunctionServiceStatus(42, At, At, true, [consumer]).Save(directory);
        var loaded = FunctionServiceStatus.Load(directory);

        Assert.Equal([retrying], Assert.Single(loaded!.Consumers).RetryingShards);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Load_StatusWrittenBeforeRetryingShardsExisted_ReadsNoRetryingShards()
    {
        var directory = Directory.CreateTempSubdirectory("telemetry-status-").FullName;
        var consumer = new ConsumerStatus("aggregator", true, 1, 1, 0, 0, new Dictionary<string, string?>(), null, null);
        new FunctionServiceStatus(42, At, At, true, [consumer]).Save(directory);
        var path = FunctionServicePaths.Status(directory);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["consumers"]![0]!.AsObject().Remove("retryingShards");
        File.WriteAllText(path, json.ToJsonString());

        var loaded = FunctionServiceStatus.Load(directory);

        Assert.DoesNotContain("retryingShards", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Empty(Assert.Single(loaded!.Consumers).RetryingShards);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Load_SavedWithDynamoDbCalls_ReadsTheCallsByOperation()
    {
        var directory = Directory.CreateTempSubdirectory("telemetry-status-").FullName;
        var calls = new Dictionary<string, long> { ["BatchGetItem"] = 3, ["UpdateItem"] = 120 };
        var consumer = new ConsumerStatus("aggregator", true, 1, 1, 0, 0, new Dictionary<string, string?>(), null, null) { DynamoDbCalls = calls };

        new FunctionServiceStatus(42, At, At, true, [consumer]).Save(directory);

        Assert.Equal(calls, Assert.Single(FunctionServiceStatus.Load(directory)!.Consumers).DynamoDbCalls);
        Directory.Delete(directory, recursive: true);
    }
}
