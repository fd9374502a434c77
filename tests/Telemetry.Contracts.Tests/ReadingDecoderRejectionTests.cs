using System.Text;

namespace Telemetry.Contracts.Tests;

public class ReadingDecoderRejectionTests
{
    private static void AssertRejected(RejectReason expected, ReadingDecodeResult result)
    {
        Assert.False(result.IsAccepted);
        Assert.Null(result.Reading);
        Assert.Equal(expected, result.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Decode_RecordOverSizeLimitThatIsNotJson_RejectsOversized()
    {
        // Not JSON at all: the size check must win, proving nothing was parsed.
        var data = new byte[ReadingSchema.MaxRecordBytes + 1];

        var result = ReadingDecoder.Decode(data, RecordJson.Now);

        AssertRejected(RejectReason.Oversized, result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("{\"schemaVersion\":1,")]
    [InlineData("{'schemaVersion':1}")]
    [InlineData("{\"schemaVersion\":1}{\"schemaVersion\":1}")]
    [InlineData("{\"schemaVersion\":1} trailing")]
    [InlineData("{\"schemaVersion\":1,\"deviceId\":\"bad id\",")]
    public void Decode_MalformedJson_RejectsMalformedJson(string json)
    {
        AssertRejected(RejectReason.MalformedJson, RecordJson.Decode(json));
    }

    [Fact]
    public void Decode_InvalidUtf8InString_RejectsMalformedJson()
    {
        var bytes = Encoding.UTF8.GetBytes(RecordJson.Valid());
        var at = Array.IndexOf(bytes, (byte)'0');
        bytes[at] = 0xFF;

        AssertRejected(RejectReason.MalformedJson, ReadingDecoder.Decode(bytes, RecordJson.Now));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"reading\"")]
    [InlineData("42\n")]
    [InlineData("null")]
    public void Decode_RootNotAnObject_RejectsNotAnObject(string json)
    {
        AssertRejected(RejectReason.NotAnObject, RecordJson.Decode(json));
    }

    [Theory]
    [InlineData("schemaVersion")]
    [InlineData("deviceId")]
    [InlineData("deviceType")]
    [InlineData("site")]
    [InlineData("timestamp")]
    [InlineData("seq")]
    [InlineData("metrics")]
    public void Decode_FieldMissing_RejectsMissingField(string field)
    {
        var result = RecordJson.Decode(RecordJson.Without(field));

        AssertRejected(RejectReason.MissingField, result);
        Assert.Contains($"'{field}'", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schemaVersion", "\"1\"")]
    [InlineData("schemaVersion", "1.5")]
    [InlineData("deviceId", "7")]
    [InlineData("deviceType", "null")]
    [InlineData("site", "[\"a\"]")]
    [InlineData("timestamp", "1764129540123")]
    [InlineData("seq", "\"42\"")]
    [InlineData("seq", "4.2")]
    [InlineData("seq", "1e30")]
    [InlineData("metrics", "[21.5]")]
    [InlineData("metrics", "{\"temperature\":\"21.5\"}")]
    [InlineData("metrics", "{\"temperature\":true}")]
    [InlineData("metrics", "{\"temperature\":null}")]
    [InlineData("metrics", "{\"temperature\":{\"value\":21.5}}")]
    public void Decode_FieldOfWrongType_RejectsMistypedField(string field, string rawValue)
    {
        AssertRejected(RejectReason.MistypedField, RecordJson.Decode(RecordJson.With(field, rawValue)));
    }

    [Fact]
    public void Decode_FieldTwice_RejectsDuplicateField()
    {
        var json = RecordJson.Valid().Insert(1, "\"seq\":41,");

        AssertRejected(RejectReason.DuplicateField, RecordJson.Decode(json));
    }

    [Fact]
    public void Decode_MetricTwice_RejectsDuplicateField()
    {
        var result = RecordJson.Decode(RecordJson.WithMetrics("{\"t\":1,\"t\":2}"));

        AssertRejected(RejectReason.DuplicateField, result);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("-1")]
    public void Decode_UnknownSchemaVersion_RejectsUnsupportedSchemaVersion(string version)
    {
        AssertRejected(RejectReason.UnsupportedSchemaVersion, RecordJson.Decode(RecordJson.With("schemaVersion", version)));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-9223372036854775808")]
    public void Decode_Version2NegativeBoot_RejectsInvalidBoot(string boot)
    {
        AssertRejected(RejectReason.InvalidBoot, RecordJson.Decode(RecordJson.Version2(boot)));
    }

    [Theory]
    [InlineData("\"7\"")]
    [InlineData("1.5")]
    [InlineData("9223372036854775808")]
    public void Decode_Version2MistypedBoot_RejectsMistypedField(string boot)
    {
        AssertRejected(RejectReason.MistypedField, RecordJson.Decode(RecordJson.Version2(boot)));
    }

    [Fact]
    public void Decode_Version2WithoutBoot_RejectsMissingField()
    {
        AssertRejected(RejectReason.MissingField, RecordJson.Decode(RecordJson.Version2(null)));
    }

    [Fact]
    public void Decode_UnknownSchemaVersionAfterAMistypedField_RejectsUnsupportedSchemaVersion()
    {
        // A future version may legitimately change other fields, so the version is the reason that matters.
        var json = RecordJson.Without("seq")
            .Replace("\"schemaVersion\":1", "\"schemaVersion\":3", StringComparison.Ordinal)
            .Insert(1, "\"seq\":\"x\",");

        AssertRejected(RejectReason.UnsupportedSchemaVersion, RecordJson.Decode(json));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"has space\"")]
    [InlineData("\"a#b\"")]
    [InlineData("\"a/b\"")]
    [InlineData("\"caf\\u00e9\"")]
    [InlineData("\"tab\\there\"")]
    public void Decode_DeviceIdEmptyOrBadCharacters_RejectsInvalidDeviceId(string rawValue)
    {
        AssertRejected(RejectReason.InvalidDeviceId, RecordJson.Decode(RecordJson.With("deviceId", rawValue)));
    }

    [Fact]
    public void Decode_DeviceIdOneOverLimit_RejectsInvalidDeviceId()
    {
        var longest = new string('d', ReadingSchema.MaxDeviceIdLength);

        var atLimit = RecordJson.Decode(RecordJson.With("deviceId", $"\"{longest}\""));
        var overLimit = RecordJson.Decode(RecordJson.With("deviceId", $"\"{longest}d\""));

        Assert.True(atLimit.IsAccepted, atLimit.ToString());
        AssertRejected(RejectReason.InvalidDeviceId, overLimit);
    }

    [Fact]
    public void Decode_DeviceTypeEmptyOrTooLong_RejectsInvalidDeviceType()
    {
        var tooLong = new string('t', ReadingSchema.MaxDeviceTypeLength + 1);

        AssertRejected(RejectReason.InvalidDeviceType, RecordJson.Decode(RecordJson.With("deviceType", "\"  \"")));
        AssertRejected(RejectReason.InvalidDeviceType, RecordJson.Decode(RecordJson.With("deviceType", $"\"{tooLong}\"")));
    }

    [Fact]
    public void Decode_SiteEmptyOrTooLong_RejectsInvalidSite()
    {
        var tooLong = new string('s', ReadingSchema.MaxSiteLength + 1);

        AssertRejected(RejectReason.InvalidSite, RecordJson.Decode(RecordJson.With("site", "\"\"")));
        AssertRejected(RejectReason.InvalidSite, RecordJson.Decode(RecordJson.With("site", $"\"{tooLong}\"")));
    }

    [Theory]
    [InlineData("\"2026-11-26T03:59:00.123\"")]
    [InlineData("\"2026-11-26T05:59:00.123+02:00\"")]
    [InlineData("\"2026-11-26 03:59:00.123Z\"")]
    [InlineData("\"2026-11-26\"")]
    [InlineData("\"26/11/2026 03:59:00\"")]
    [InlineData("\"2026-02-30T03:59:00Z\"")]
    [InlineData("\"not a time\"")]
    public void Decode_TimestampNotUtcIso8601_RejectsInvalidTimestamp(string rawValue)
    {
        AssertRejected(RejectReason.InvalidTimestamp, RecordJson.Decode(RecordJson.With("timestamp", rawValue)));
    }

    [Fact]
    public void Decode_TimestampBeyondMaxFutureSkew_RejectsFutureTimestamp()
    {
        var tooFar = ReadingCodec.FormatTimestamp(RecordJson.Now + ReadingSchema.MaxFutureSkew + TimeSpan.FromMilliseconds(1));

        var result = RecordJson.Decode(RecordJson.With("timestamp", $"\"{tooFar}\""));

        AssertRejected(RejectReason.FutureTimestamp, result);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Decode_SequenceBelowOne_RejectsInvalidSequence(string rawValue)
    {
        AssertRejected(RejectReason.InvalidSequence, RecordJson.Decode(RecordJson.With("seq", rawValue)));
    }

    [Fact]
    public void Decode_EmptyMetrics_RejectsEmptyMetrics()
    {
        AssertRejected(RejectReason.EmptyMetrics, RecordJson.Decode(RecordJson.WithMetrics("{}")));
    }

    [Fact]
    public void Decode_OneMetricOverLimit_RejectsTooManyMetrics()
    {
        var metrics = Enumerable.Range(0, ReadingSchema.MaxMetrics + 1).Select(i => $"\"m{i}\":{i}");

        var result = RecordJson.Decode(RecordJson.WithMetrics("{" + string.Join(",", metrics) + "}"));

        AssertRejected(RejectReason.TooManyMetrics, result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("a#b")]
    [InlineData("a:b")]
    [InlineData("temp\\u00e9rature")]
    public void Decode_MetricNameBadCharactersOrEmpty_RejectsInvalidMetricName(string name)
    {
        AssertRejected(RejectReason.InvalidMetricName, RecordJson.Decode(RecordJson.WithMetrics($"{{\"{name}\":1}}")));
    }

    [Fact]
    public void Decode_MetricNameOverLimit_RejectsInvalidMetricName()
    {
        var name = new string('m', ReadingSchema.MaxMetricNameLength + 1);

        AssertRejected(RejectReason.InvalidMetricName, RecordJson.Decode(RecordJson.WithMetrics($"{{\"{name}\":1}}")));
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"nan\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("\"1e400\"")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1" + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
    public void Decode_NonFiniteMetric_RejectsNonFiniteNumber(string rawValue)
    {
        AssertRejected(RejectReason.NonFiniteNumber, RecordJson.Decode(RecordJson.WithMetrics($"{{\"temperature\":{rawValue}}}")));
    }

    [Theory]
    [InlineData("1e16")]
    [InlineData("-1e300")]
    [InlineData("1e-31")]
    [InlineData("-5e-324")]
    public void Decode_MetricOutsideStorableRange_RejectsMetricOutOfRange(string rawValue)
    {
        AssertRejected(RejectReason.MetricOutOfRange, RecordJson.Decode(RecordJson.WithMetrics($"{{\"temperature\":{rawValue}}}")));
    }

    [Fact]
    public void Decode_EveryRejectReason_IsCoveredByATest()
    {
        // Guards this file: a reason added to the enum without a test here fails this check.
        var tested = typeof(ReadingDecoderRejectionTests).GetMethods()
            .Select(m => m.Name)
            .Where(n => n.StartsWith("Decode_", StringComparison.Ordinal))
            .ToList();

        var untested = Enum.GetNames<RejectReason>()
            .Where(r => r != nameof(RejectReason.None))
            .Where(r => !tested.Exists(n => n.EndsWith("_Rejects" + r, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(untested);
    }
}
