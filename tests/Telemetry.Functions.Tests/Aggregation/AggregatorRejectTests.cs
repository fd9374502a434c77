using System.Text.Json;
using Telemetry.Contracts;
using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Fakes;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Quantiles;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

public class AggregatorRejectTests
{
    private readonly FakeStores stores = new();

    [Fact]
    public async Task Handle_PoisonLateAndFutureRecords_RejectsThemAndAggregatesTheRest()
    {
        var device = NewDeviceId();
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, Now.AddMinutes(-10), 1, ("temp", 3)))
            .AddPoison()
            .Add(At(device, Now.AddHours(-26), 2, ("temp", 100)))
            .Add(At(device, Now.AddHours(1), 3, ("temp", 200)))
            .AddData("@@not-base64@@", device)
            .Add(At(device, Now.AddMinutes(-10).AddSeconds(5), 4, ("temp", 5)));
        var kinesisEvent = builder.Build();

        var response = await stores.NewFunction().InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var rejected = stores.Rejected.Rejects;
        Assert.Equal(
            [
                (kinesisEvent.Records[1].Kinesis.SequenceNumber, "MalformedJson"),
                (kinesisEvent.Records[2].Kinesis.SequenceNumber, "TooLate"),
                (kinesisEvent.Records[3].Kinesis.SequenceNumber, nameof(RejectReason.FutureTimestamp)),
                (kinesisEvent.Records[4].Kinesis.SequenceNumber, "InvalidBase64"),
            ],
            rejected.Select(r => (r.SequenceNumber, r.Reason)));
        var poison = rejected[0];
        Assert.Equal(("poison", kinesisEvent.Records[1].Kinesis.Data, builder.ShardId), (poison.PartitionKey, poison.Data, poison.ShardId));
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));

        var hour = Assert.Single(stores.Rollups.Windows, w => w.Key.Resolution == Resolution.Hour).Value;
        Assert.Equal(new MetricStats(2, 8, 3, 5, 34, QuantileSketch.Of(3, 5)), hour.Metrics["temp"]);
    }

    [Fact]
    public async Task Handle_RejectsDeliveredTwice_StoresEachOnce()
    {
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId()).AddPoison().AddPoison("[]").Build();
        var function = stores.NewFunction();
        await function.InvokeAsync(kinesisEvent);

        var response = await function.InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(["MalformedJson", "NotAnObject"], stores.Rejected.Rejects.Select(r => r.Reason));
    }

    [Fact]
    public async Task Handle_EmptyRecord_StoresRejectWithEmptyData()
    {
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId()).AddData(string.Empty, "empty").Build();

        var response = await stores.NewFunction().InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var rejected = Assert.Single(stores.Rejected.Rejects);
        Assert.Equal(("empty", string.Empty), (rejected.PartitionKey, rejected.Data));
    }

    [Fact]
    public async Task Handle_DocumentedSampleEvent_RejectsItsPlainTextRecords()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "kinesis-event.json"));
        var kinesisEvent = JsonSerializer.Deserialize(json, LambdaEventJsonContext.Default.KinesisEvent)!;

        var response = await stores.NewFunction().InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var rejected = stores.Rejected.Rejects;
        Assert.Equal(kinesisEvent.Records.Select(r => r.Kinesis.SequenceNumber), rejected.Select(r => r.SequenceNumber));
        Assert.All(rejected, r => Assert.Equal(("shardId-000000000006", "MalformedJson"), (r.ShardId, r.Reason)));
        Assert.Empty(stores.Rollups.Windows);
    }

    [Fact]
    public async Task Handle_ReadingPastTheWindowMetricLimit_RejectsItWithItsReasonFromEveryWindow()
    {
        // Each reading may carry 64 metrics; a window takes 256 names, so the fifth reading's new names cross it.
        var device = NewDeviceId();
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId());
        for (var reading = 0; reading < 5; reading++)
        {
            var metrics = Enumerable.Range(0, ReadingSchema.MaxMetrics).Select(i => ($"m{reading}-{i}", 1.0)).ToArray();
            builder.Add(At(device, Now.AddMinutes(-10).AddSeconds(reading), reading + 1, metrics));
        }

        var kinesisEvent = builder.Build();
        var response = await stores.NewFunction().InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var reject = Assert.Single(stores.Rejected.Rejects);
        Assert.Equal((kinesisEvent.Records[4].Kinesis.SequenceNumber, WindowLimits.MetricLimitReason), (reject.SequenceNumber, reject.Reason));
        Assert.Contains("256", reject.Message, StringComparison.Ordinal);
        Assert.All(stores.Rollups.Windows.Values, w => Assert.Equal((4, 256), (w.ReadingCount, w.Metrics.Count)));
        Assert.Equal(2, stores.Rollups.Windows.Count);
    }
}
