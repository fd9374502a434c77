using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Functions.Tests.Support;
using Telemetry.Storage;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.EndToEnd;

// The aggregator's Embedded Metric Format and log lines, from a batch stored in dynalite.
[Collection(DynaliteCollection.Name)]
public class AggregatorMetricsTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Handle_BatchWithAPoisonRecord_WritesMetricsCloudWatchCanReadAndALogLineWithTheSequenceRange()
    {
        var device = NewDeviceId();
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, Now.AddMinutes(-3), 1, ("temp", 2)))
            .AddPoison()
            .Add(At(device, Now.AddMinutes(-2), 2, ("temp", 3)))
            .Build();
        var output = new StringWriter();
        var function = new AggregatorFunction(dynalite.Client, new AggregatorSettings(table, TimeSpan.FromHours(24)), new FakeTimeProvider(Now), output);

        await function.InvokeAsync(kinesisEvent);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var metrics = lines.Where(l => l.TryGetProperty("_aws", out _)).ToList();
        Assert.All(metrics, AssertValidEmf);
        var byFunction = Assert.Single(metrics, m => !m.TryGetProperty("Reason", out _));
        Assert.Equal("aggregator", byFunction.GetProperty("Function").GetString());
        Assert.Equal(3, byFunction.GetProperty("Records").GetDouble());
        Assert.Equal(2, byFunction.GetProperty("ReadingsAccepted").GetDouble());
        // Two minutes, and their hour (11:00), derived at once since it has ended at 12:00.
        Assert.Equal(3, byFunction.GetProperty("WindowsWritten").GetDouble());
        Assert.Equal(0, byFunction.GetProperty("WriteConflictsRetried").GetDouble());
        Assert.Equal(1, byFunction.GetProperty("RecordsRejected").GetDouble());
        Assert.Equal(0, byFunction.GetProperty("BatchItemFailures").GetDouble());
        Assert.True(byFunction.GetProperty("BatchAge").GetDouble() >= 0);
        var rejected = Assert.Single(metrics, m => m.TryGetProperty("Reason", out _));
        Assert.Equal(("MalformedJson", 1.0), (rejected.GetProperty("Reason").GetString(), rejected.GetProperty("RecordsRejected").GetDouble()));

        var log = Assert.Single(lines, l => l.TryGetProperty("level", out _));
        Assert.Equal(("INFO", "aggregator"), (log.GetProperty("level").GetString(), log.GetProperty("function").GetString()));
        Assert.Equal(kinesisEvent.Records[0].EventId.Split(':')[0], log.GetProperty("shardId").GetString());
        Assert.Equal(kinesisEvent.Records[0].Kinesis.SequenceNumber, log.GetProperty("firstSequence").GetString());
        Assert.Equal(kinesisEvent.Records[^1].Kinesis.SequenceNumber, log.GetProperty("lastSequence").GetString());
        Assert.True(log.GetProperty("coldStart").GetBoolean());
        Assert.Equal(1, log.GetProperty("counts").GetProperty("RecordsRejected.MalformedJson").GetInt64());
    }

    // What CloudWatch requires of a line: every metric and dimension it names is a member of the line.
    private static void AssertValidEmf(JsonElement line)
    {
        var aws = line.GetProperty("_aws");
        Assert.True(aws.GetProperty("Timestamp").GetInt64() > 0);
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("Telemetry", directive.GetProperty("Namespace").GetString());
        Assert.All(directive.GetProperty("Dimensions").EnumerateArray().SelectMany(set => set.EnumerateArray()), d =>
            Assert.Equal(JsonValueKind.String, line.GetProperty(d.GetString()!).ValueKind));
        Assert.All(directive.GetProperty("Metrics").EnumerateArray(), m =>
        {
            Assert.Equal(JsonValueKind.Number, line.GetProperty(m.GetProperty("Name").GetString()!).ValueKind);
            Assert.Contains(m.GetProperty("Unit").GetString(), new[] { "Count", "Milliseconds" });
        });
    }
}
