using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Parquet;
using Parquet.Serialization;
using CompressionCodec = Parquet.Meta.CompressionCodec;
using Telemetry.Contracts;
using Telemetry.Local.Archive;

namespace Telemetry.Local.Tests.Archive;

public sealed class ParquetFormatTests
{
    private const string ParseError = "DataFormatConversion.ParseError";
    private const string MalformedData = "DataFormatConversion.MalformedData";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);

    private readonly ParquetFormat _format = new();

    [Fact]
    public void Encode_Readings_ReadBackAndDecodeToTheSameReadings()
    {
        Reading[] readings =
        [
            new(2, "dev-1", "thermostat", "plant-a", Now.AddSeconds(-2), 7, new Dictionary<string, double> { ["temperature"] = 21.5, ["humidity"] = 40 }, 3),
            new(2, "dev-2", "meter", "plant-b", Now.AddSeconds(-1), 1, new Dictionary<string, double> { ["kwh"] = 1e-3, ["peak"] = -12345.678901234 }, 1_700_000_000_000),
            new(1, "dev-3", "meter", "plant-b", Now, 9_000_000_000, new Dictionary<string, double> { ["kwh"] = 0 }),
        ];

        var encoding = _format.Encode([.. readings.Select(r => (ReadOnlyMemory<byte>)ReadingCodec.Encode(r))]);
        var decoded = _format.Read(new MemoryStream(encoding.Content)).Select(r => ReadingDecoder.Decode(r.Span, Now)).ToList();

        Assert.Equal(3, encoding.RecordCount);
        Assert.Empty(encoding.Failures);
        Assert.All(decoded, d => Assert.True(d.IsAccepted, d.ToString()));
        Assert.Equal(readings, decoded.Select(d => d.Reading!), ReadingComparer.Instance);
    }

    [Fact]
    public void Encode_FieldsMissingOrNull_NullColumnsLeftOutWhenReadBack()
    {
        var encoding = _format.Encode(Records(
            """{"deviceId":"dev-1","seq":3,"site":null,"metrics":{"t":null,"h":1.5}}""",
            """{"deviceId":"dev-2","metrics":{}}""",
            """{"schemaVersion":2}"""));

        Assert.Equal(
            [
                """{"deviceId":"dev-1","seq":3,"metrics":{"t":null,"h":1.5}}""",
                """{"deviceId":"dev-2","metrics":{}}""",
                """{"schemaVersion":2}""",
            ],
            Lines(encoding));
    }

    [Fact]
    public void Encode_KeysInAnyCase_FillTheLowerCaseColumnsAndMapKeysAreLowerCased()
    {
        var encoding = _format.Encode(Records("""{"DEVICEID":"dev-1","Seq":4,"metrics":{"TempC":20}}"""));

        Assert.Equal(["""{"deviceId":"dev-1","seq":4,"metrics":{"tempc":20}}"""], Lines(encoding));
    }

    [Fact]
    public void Encode_ValuesTheSerDeCoerces_ConvertedToTheColumnTypes()
    {
        var encoding = _format.Encode(Records("""{"schemaVersion":" 2 ","deviceId":17,"site":true,"seq":"42","metrics":{"t":"21.5"},"extra":[1]}"""));

        Assert.Equal(["""{"schemaVersion":2,"deviceId":"17","site":"true","seq":42,"metrics":{"t":21.5}}"""], Lines(encoding));
    }

    [Fact]
    public void Encode_TrailingNewlineAndWhitespace_RecordAccepted()
    {
        var encoding = _format.Encode(Records("{\"seq\":1}\n", "  {\"seq\":2} \r\n\t"));

        Assert.Equal(2, encoding.RecordCount);
        Assert.Empty(encoding.Failures);
    }

    [Fact]
    public void Encode_JsonDocumentsConcatenatedInOneRecord_OneRowEach()
    {
        var encoding = _format.Encode(Records("{\"seq\":1}{\"seq\":2}\n{\"seq\":3}", """{"seq":4}"""));

        Assert.Equal(2, encoding.RecordCount);
        Assert.Equal(["""{"seq":1}""", """{"seq":2}""", """{"seq":3}""", """{"seq":4}"""], Lines(encoding));
    }

    [Theory]
    [InlineData("not json", ParseError)]
    [InlineData("{\"deviceId\":\"\\ud800\"}", ParseError)]
    [InlineData("{\"\\ud800\":1}", ParseError)]
    [InlineData("{\"metrics\":{\"t\":1,\"\\udfff\":2}}", ParseError)]
    [InlineData("", ParseError)]
    [InlineData("   ", ParseError)]
    [InlineData("{\"seq\":1} x", ParseError)]
    [InlineData("{\"seq\":1}[2]", MalformedData)]
    [InlineData("{\"seq\":1", ParseError)]
    [InlineData("[1,2]", MalformedData)]
    [InlineData("42", MalformedData)]
    [InlineData("{\"seq\":\"x\"}", MalformedData)]
    [InlineData("{\"seq\":1.5}", MalformedData)]
    [InlineData("{\"seq\":true}", MalformedData)]
    [InlineData("{\"schemaVersion\":3000000000}", MalformedData)]
    [InlineData("{\"seq\":99999999999999999999}", MalformedData)]
    [InlineData("{\"metrics\":[1]}", MalformedData)]
    [InlineData("{\"metrics\":{\"t\":\"hot\"}}", MalformedData)]
    [InlineData("{\"metrics\":{\"t\":1e400}}", MalformedData)]
    [InlineData("{\"metrics\":{\"t\":{\"v\":1}}}", MalformedData)]
    [InlineData("{\"seq\":1,\"SEQ\":2}", MalformedData)]
    [InlineData("{\"metrics\":{\"t\":1,\"T\":2}}", MalformedData)]
    public void Encode_RecordTheConversionRefuses_FailureWithFirehosesErrorCode(string record, string errorCode)
    {
        var encoding = _format.Encode(Records("""{"seq":1}""", record, """{"seq":3}"""));

        var failure = Assert.Single(encoding.Failures);
        Assert.Equal(1, failure.Index);
        Assert.Equal(errorCode, failure.ErrorCode);
        Assert.NotEmpty(failure.Message);
        Assert.Equal(["""{"seq":1}""", """{"seq":3}"""], Lines(encoding));
    }

    [Fact]
    public void Encode_EveryRecordRefused_NoContent()
    {
        var encoding = _format.Encode(Records("x", "y"));

        Assert.Empty(encoding.Content);
        Assert.Equal(0, encoding.RecordCount);
        Assert.Equal(2, encoding.Failures.Count);
    }

    [Fact]
    public async Task Encode_Readings_ParquetNetReadsTheGlueTableSchemaSnappyCompressed()
    {
        var encoding = _format.Encode(Records("""{"schemaVersion":2,"deviceId":"d","seq":1,"boot":2,"metrics":{"t":1}}"""));

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(encoding.Content));
        var columns = reader.Metadata!.Schema.Skip(1).Select(e => $"{e.Name} {e.RepetitionType} {e.Type?.ToString() ?? "group"} {e.ConvertedType}");
        Assert.Equal(
            [
                "schemaversion OPTIONAL INT32 INT_32",
                "deviceid OPTIONAL BYTE_ARRAY UTF8",
                "devicetype OPTIONAL BYTE_ARRAY UTF8",
                "site OPTIONAL BYTE_ARRAY UTF8",
                "timestamp OPTIONAL BYTE_ARRAY UTF8",
                "seq OPTIONAL INT64 INT_64",
                "boot OPTIONAL INT64 INT_64",
                "metrics OPTIONAL group MAP",
                "key_value REPEATED group ",
                "key REQUIRED BYTE_ARRAY UTF8",
                "value OPTIONAL DOUBLE ",
            ],
            columns);
        var group = Assert.Single(reader.RowGroups);
        Assert.Equal(1, group.RowCount);
        Assert.All(reader.Schema.DataFields, field => Assert.Equal(CompressionCodec.SNAPPY, group.GetMetadata(field)!.MetaData!.Codec));
    }

    [Fact]
    public async Task Encode_NullsAndMaps_ParquetNetsOwnSerializerReadsTheSameRows()
    {
        var encoding = _format.Encode(Records(
            """{"deviceId":"a","seq":1,"metrics":{"t":1.5,"h":null}}""",
            """{"deviceId":"b"}""",
            """{"seq":3,"metrics":{}}""",
            """{"deviceId":"d","metrics":{"x":7}}"""));

        var rows = (await ParquetSerializer.DeserializeAsync<TableRow>(new MemoryStream(encoding.Content))).Data;

        Assert.Equal(
            ["a 1 {t=1.5,h=null}", "b null null", "null 3 {}", "d null {x=7}"],
            rows.Select(r => $"{r.DeviceId ?? "null"} {r.Seq?.ToString(CultureInfo.InvariantCulture) ?? "null"} {Describe(r.Metrics)}"));
    }

    [Fact]
    public void Read_DamagedFile_IOExceptionOrInvalidData()
    {
        var file = _format.Encode(Records("""{"seq":1,"metrics":{"t":1}}""")).Content;
        byte[][] damaged = [[], "hello"u8.ToArray(), file[..^10], [.. file.Select((b, i) => i > 4 && i < file.Length - 20 ? (byte)0x5A : b)]];

        Assert.All(damaged, content =>
        {
            var error = Record.Exception(() => _format.Read(new MemoryStream(content)).ToList());
            Assert.True(error is IOException or InvalidDataException, error?.ToString() ?? "no exception");
        });
    }

    [Fact]
    public void ArchiveFormats_ParquetByNameAndByExtension_TheParquetFormat()
    {
        Assert.IsType<ParquetFormat>(ArchiveFormats.ByName("parquet"));
        Assert.IsType<ParquetFormat>(ArchiveFormats.ByExtension(".parquet"));
        Assert.Contains("parquet", ArchiveFormats.Names);
    }

    private static string Describe(Dictionary<string, double?>? metrics) =>
        metrics is null ? "null" : "{" + string.Join(",", metrics.Select(m => $"{m.Key}={m.Value?.ToString(CultureInfo.InvariantCulture) ?? "null"}")) + "}";

    private static ReadOnlyMemory<byte>[] Records(params string[] records) => [.. records.Select(r => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(r))];

    private List<string> Lines(ArchiveEncoding encoding) =>
        [.. _format.Read(new MemoryStream(encoding.Content)).Select(r => Encoding.UTF8.GetString(r.Span))];

    private sealed class TableRow
    {
        [JsonPropertyName("deviceid")]
        public string? DeviceId { get; set; }

        [JsonPropertyName("seq")]
        public long? Seq { get; set; }

        [JsonPropertyName("metrics")]
        public Dictionary<string, double?>? Metrics { get; set; }
    }
}
