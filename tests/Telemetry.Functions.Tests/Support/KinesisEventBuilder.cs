using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Telemetry.Contracts;
using Telemetry.Functions.Events;

namespace Telemetry.Functions.Tests.Support;

// Builds Lambda Kinesis events the way the event source mapping would, one shard per event.
public sealed class KinesisEventBuilder
{
    public const string StreamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/telemetry";

    // A real-looking 56-digit sequence number: far beyond DynamoDB's 38 digits.
    public static readonly BigInteger TypicalFirstSequence =
        BigInteger.Parse("49590338271490256608559692538361571095921575989136588898", CultureInfo.InvariantCulture);

    private readonly List<KinesisEventRecord> records = [];
    private BigInteger next;

    public KinesisEventBuilder(string shardId, BigInteger? firstSequence = null)
    {
        ShardId = shardId;
        next = firstSequence ?? TypicalFirstSequence;
    }

    public string ShardId { get; }

    public static string NewShardId() => $"shardId-{Random.Shared.NextInt64(0, 999_999_999_999):D12}";

    public KinesisEventBuilder Add(Reading reading, BigInteger? sequence = null) =>
        AddData(Convert.ToBase64String(ReadingCodec.Encode(reading)), reading.DeviceId, sequence);

    // The deliberate poison record: not JSON at all.
    public KinesisEventBuilder AddPoison(string text = "{\"deviceId\": oops", BigInteger? sequence = null) =>
        AddData(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), "poison", sequence);

    public KinesisEventBuilder AddData(string base64Data, string partitionKey, BigInteger? sequence = null)
    {
        var value = sequence ?? next;
        next = BigInteger.Max(next, value) + 1000;
        var sequenceText = value.ToString(CultureInfo.InvariantCulture);
        records.Add(new KinesisEventRecord(
            new KinesisData("1.0", partitionKey, sequenceText, base64Data, 1_740_830_400.123),
            "aws:kinesis",
            "1.0",
            $"{ShardId}:{sequenceText}",
            "aws:kinesis:record",
            "arn:aws:iam::000000000000:role/telemetry-aggregator",
            "us-east-1",
            StreamArn));
        return this;
    }

    public KinesisEvent Build() => new([.. records]);

    public static MemoryStream ToStream(KinesisEvent kinesisEvent) =>
        new(JsonSerializer.SerializeToUtf8Bytes(kinesisEvent, LambdaEventJsonContext.Default.KinesisEvent));
}
