using System.Text;
using Telemetry.Contracts;
using Telemetry.Producer.Ledger;

namespace Telemetry.Producer.Tests.Ledger;

public sealed class LedgerFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("telemetry-ledger-").FullName;

    private static ProducerLedger Sample => new()
    {
        StreamName = "telemetry",
        Seed = 42,
        StartedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 10, 250, TimeSpan.Zero),
        Complete = true,
        AllowedLateness = TimeSpan.FromHours(24),
        Devices =
        [
            new LedgerDevice("thermostat-0001", "thermostat", "Lake Evan Plant 2", 1_740_830_400_000,
                SequenceRanges.Parse("1-300"), SequenceRanges.Parse("17,40"), SequenceRanges.Parse("301")),
        ],
        Poison = [new LedgerPoison(RejectReason.MalformedJson, "thermostat-0001", "shardId-000000000001", "49600000000000000000000000000000000000000000000001")],
        Sent = new LedgerCounts(301, 30, 15, 12, 2, 6),
    };

    [Fact]
    public void WriteThenRead_Sample_RoundTripsExactly()
    {
        var path = Path.Combine(_folder, "a", "run.json");

        LedgerFile.Write(path, Sample);
        var read = LedgerFile.Read(path);

        Assert.Equal(LedgerFile.Serialize(Sample), LedgerFile.Serialize(read));
        Assert.Equal(Sample.Devices[0].Acknowledged, read.Devices[0].Acknowledged);
        Assert.Equal(RejectReason.MalformedJson, read.Poison[0].ExpectedReason);
        Assert.Equal(TimeSpan.FromHours(24), read.AllowedLateness);
        Assert.Equal(Sample.UpdatedAt, read.UpdatedAt);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Serialize_Sample_DocumentedCamelCaseFields()
    {
        var json = LedgerFile.Serialize(Sample);

        Assert.Contains("\"ledgerVersion\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"startedAt\": \"2025-03-01T12:00:00.000Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"allowedLateness\": \"1d\"", json, StringComparison.Ordinal);
        Assert.Contains("\"acknowledged\": \"1-300\"", json, StringComparison.Ordinal);
        Assert.Contains("\"tooLate\": \"17,40\"", json, StringComparison.Ordinal);
        Assert.Contains("\"expectedReason\": \"MalformedJson\"", json, StringComparison.Ordinal);
        Assert.Contains("\"outOfOrder\": 15", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysItDoesNotExist()
    {
        var error = Assert.Throws<LedgerException>(() => LedgerFile.Read(Path.Combine(_folder, "none.json")));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"ledgerVersion\":1,\"streamName\":", "not a readable producer ledger")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("{\"streamName\":\"telemetry\"}", "no numeric ledgerVersion")]
    [InlineData("{\"ledgerVersion\":2}", "version 2; this build reads version 1")]
    [InlineData("{\"ledgerVersion\":1,\"streamName\":\"telemetry\"}", "not a readable producer ledger")]
    public void Parse_CorruptOrUnsupported_ClearError(string json, string expected)
    {
        var error = Assert.Throws<LedgerException>(() => LedgerFile.Parse(Encoding.UTF8.GetBytes(json), "run.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("run.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadRanges_NamesTheField()
    {
        var json = LedgerFile.Serialize(Sample).Replace("\"1-300\"", "\"300-1\"", StringComparison.Ordinal);

        var error = Assert.Throws<LedgerException>(() => LedgerFile.Parse(Encoding.UTF8.GetBytes(json), "run.json"));

        Assert.Contains("acknowledged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OverExistingLedger_Replaced()
    {
        var path = Path.Combine(_folder, "run.json");
        LedgerFile.Write(path, Sample with { Complete = false });

        LedgerFile.Write(path, Sample);

        Assert.True(LedgerFile.Read(path).Complete);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
