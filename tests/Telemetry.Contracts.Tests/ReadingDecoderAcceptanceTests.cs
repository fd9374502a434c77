using System.Text;

namespace Telemetry.Contracts.Tests;

public class ReadingDecoderAcceptanceTests
{
    [Fact]
    public void Decode_ValidRecordWithTrailingNewline_ReturnsReading()
    {
        var result = RecordJson.Decode(RecordJson.Valid() + "\n");

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal("thermo-001", result.Reading.DeviceId);
        Assert.Equal("thermostat", result.Reading.DeviceType);
        Assert.Equal("plant-a", result.Reading.Site);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 3, 59, 0, 123, TimeSpan.Zero), result.Reading.Timestamp);
        Assert.Equal(42, result.Reading.Sequence);
        Assert.Equal(21.5, result.Reading.Metrics["temperature"]);
        Assert.Equal(40, result.Reading.Metrics["humidity"]);
        Assert.Equal(string.Empty, result.Message);
    }

    [Fact]
    public void Decode_Version2_ReadsBoot()
    {
        var result = RecordJson.Decode(RecordJson.Version2("1764129600123"));

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(new ReadingId("thermo-001", 1764129600123, 42), result.Reading!.Id);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("-5")]
    [InlineData("\"not a number\"")]
    public void Decode_Version1WithAFieldNamedBoot_IgnoresItAsBootZero(string boot)
    {
        // Version 1 gave boot no meaning; a producer of that version may use the name for something else.
        var result = RecordJson.Decode(RecordJson.Valid().Insert(1, $"\"boot\":{boot},"));

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(0, result.Reading!.Boot);
    }

    [Fact]
    public void Decode_SurroundingWhitespace_ReturnsReading()
    {
        var result = RecordJson.Decode(" \r\n\t" + RecordJson.Valid() + " \r\n\t ");

        Assert.True(result.IsAccepted, result.ToString());
    }

    [Fact]
    public void Decode_UnknownField_IsIgnored()
    {
        var json = RecordJson.Valid().Insert(1, "\"firmware\":{\"v\":[1,2]},");

        var result = RecordJson.Decode(json);

        Assert.True(result.IsAccepted, result.ToString());
    }

    [Theory]
    [InlineData("\"2026-11-26T03:59:00Z\"", "2026-11-26T03:59:00.000Z")]
    [InlineData("\"2026-11-26T03:59:00.1Z\"", "2026-11-26T03:59:00.100Z")]
    [InlineData("\"2026-11-26T03:59:00.1239999Z\"", "2026-11-26T03:59:00.123Z")]
    [InlineData("\"2026-11-26T03:59:00.123+00:00\"", "2026-11-26T03:59:00.123Z")]
    public void Decode_UtcTimestampVariants_NormalisedToMilliseconds(string raw, string expected)
    {
        var result = RecordJson.Decode(RecordJson.With("timestamp", raw));

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(expected, ReadingCodec.FormatTimestamp(result.Reading.Timestamp));
        Assert.Equal(TimeSpan.Zero, result.Reading.Timestamp.Offset);
    }

    [Fact]
    public void Decode_TimestampExactlyAtMaxFutureSkew_IsAccepted()
    {
        var edge = ReadingCodec.FormatTimestamp(RecordJson.Now + ReadingSchema.MaxFutureSkew);

        var result = RecordJson.Decode(RecordJson.With("timestamp", $"\"{edge}\""));

        Assert.True(result.IsAccepted, result.ToString());
    }

    [Fact]
    public void Decode_RecordExactlyAtSizeLimit_IsParsed()
    {
        var json = RecordJson.Valid();
        var padded = json + new string(' ', ReadingSchema.MaxRecordBytes - Encoding.UTF8.GetByteCount(json));

        var result = RecordJson.Decode(padded);

        Assert.True(result.IsAccepted, result.ToString());
    }

    [Fact]
    public void Decode_MaxMetricsAndLongestNames_IsAccepted()
    {
        var metrics = Enumerable.Range(0, ReadingSchema.MaxMetrics)
            .Select(i => $"\"{i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}{new string('m', ReadingSchema.MaxMetricNameLength - 2)}\":{i}");
        var json = RecordJson.WithMetrics("{" + string.Join(",", metrics) + "}");

        var result = RecordJson.Decode(json);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(ReadingSchema.MaxMetrics, result.Reading.Metrics.Count);
    }

    [Fact]
    public void Decode_EscapedPropertyName_IsRecognised()
    {
        var json = RecordJson.Valid().Replace("\"seq\"", "\"s\\u0065q\"", StringComparison.Ordinal);

        var result = RecordJson.Decode(json);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(42, result.Reading.Sequence);
    }
}
