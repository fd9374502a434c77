namespace Telemetry.Contracts.Tests;

public class ReadingCodecRoundTripTests
{
    private static Reading Sample(IReadOnlyDictionary<string, double> metrics) => new(
        ReadingSchema.CurrentVersion,
        "cold-store:07.b_x",
        "cold-storage",
        "warehouse north",
        new DateTimeOffset(2026, 11, 26, 3, 59, 59, 999, TimeSpan.Zero),
        long.MaxValue,
        metrics,
        long.MaxValue - 1);

    [Fact]
    public void Decode_EncodedReading_EqualsOriginal()
    {
        var original = Sample(new Dictionary<string, double>
        {
            ["temperature"] = -18.25,
            ["door_open"] = 0,
            ["compressor.current"] = 0.1 + 0.2,
            ["tiny"] = 1.5e-30,
            ["huge"] = -9.99e14,
        });

        var result = ReadingDecoder.Decode(ReadingCodec.Encode(original), RecordJson.Now);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(original, result.Reading, ReadingComparer.Instance);
        Assert.Equal(RejectReason.None, result.Reason);
    }

    [Fact]
    public void Encode_DecodedReading_ReproducesTheSameBytes()
    {
        var bytes = ReadingCodec.Encode(Sample(new Dictionary<string, double> { ["a"] = 1, ["b"] = 2.5 }));

        var reencoded = ReadingCodec.Encode(ReadingDecoder.Decode(bytes, RecordJson.Now).Reading!);

        Assert.Equal(bytes, reencoded);
    }

    [Fact]
    public void Encode_Version1Reading_WritesNoBootAndDecodesWithBootZero()
    {
        var v1 = Sample(new Dictionary<string, double> { ["a"] = 1 }) with { SchemaVersion = 1, Boot = 0 };

        var bytes = ReadingCodec.Encode(v1);
        var decoded = ReadingDecoder.Decode(bytes, RecordJson.Now);

        Assert.DoesNotContain("\"boot\"", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(v1, decoded.Reading!, ReadingComparer.Instance);
    }

    [Fact]
    public void ReadingComparer_DifferentBoot_NotEqual()
    {
        var a = Sample(new Dictionary<string, double> { ["a"] = 1 });

        Assert.NotEqual(a, a with { Boot = 7 }, ReadingComparer.Instance);
    }

    [Fact]
    public void Encode_Always_EndsWithTheClosingBraceAndNoNewline()
    {
        var bytes = ReadingCodec.Encode(Sample(new Dictionary<string, double> { ["a"] = 1 }));

        // The delivery stream appends one newline to every record; one of ours would leave a blank line in the archive.
        Assert.Equal((byte)'}', bytes[^1]);
        Assert.DoesNotContain((byte)'\n', bytes);
    }

    [Fact]
    public void ReadingComparer_DifferentMetricValue_NotEqual()
    {
        var a = Sample(new Dictionary<string, double> { ["a"] = 1 });
        var b = a with { Metrics = new Dictionary<string, double> { ["a"] = 2 } };

        Assert.NotEqual(a, b, ReadingComparer.Instance);
    }
}
