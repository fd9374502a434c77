using System.Text;
using System.Text.Json;
using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests;

public sealed class PutRecordsRewriteTests
{
    private const string Request =
        """{"StreamName":"s","Records":[{"Data":"AA==","PartitionKey":"a"},{"Data":"AQ==","PartitionKey":"b","ExplicitHashKey":"7"},{"Data":"Ag==","PartitionKey":"c"}],"StreamARN":"arn:x"}""";

    private static readonly EntryFault Failed1 = InjectedErrors.Entry(1, 0.1);

    [Fact]
    public void CountEntries_PutRecordsBody_CountsRecords()
    {
        Assert.Equal(3, PutRecordsRewrite.CountEntries(Encoding.UTF8.GetBytes(Request)));
        Assert.Null(PutRecordsRewrite.CountEntries(Encoding.UTF8.GetBytes("""{"StreamName":"s"}""")));
        Assert.Null(PutRecordsRewrite.CountEntries(Encoding.UTF8.GetBytes("not json")));
    }

    [Fact]
    public void WithoutEntries_OneFailed_KeepsOtherEntriesAndPropertiesVerbatim()
    {
        var body = PutRecordsRewrite.WithoutEntries(Encoding.UTF8.GetBytes(Request), [Failed1]);

        Assert.Equal(
            """{"StreamName":"s","Records":[{"Data":"AA==","PartitionKey":"a"},{"Data":"Ag==","PartitionKey":"c"}],"StreamARN":"arn:x"}""",
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Merge_OneInjectedOneUpstreamFailure_RequestOrderAndBothCounted()
    {
        var upstream = """{"FailedRecordCount":1,"Records":[{"SequenceNumber":"1","ShardId":"shardId-0"},{"ErrorCode":"InternalFailure","ErrorMessage":"x"}],"EncryptionType":"NONE"}""";

        var merged = PutRecordsRewrite.Merge(Encoding.UTF8.GetBytes(upstream), 3, [Failed1]);

        using var document = JsonDocument.Parse(merged);
        var records = document.RootElement.GetProperty("Records").EnumerateArray().ToList();
        Assert.Equal(2, document.RootElement.GetProperty("FailedRecordCount").GetInt32());
        Assert.Equal("1", records[0].GetProperty("SequenceNumber").GetString());
        Assert.Equal(Failed1.ErrorCode, records[1].GetProperty("ErrorCode").GetString());
        Assert.Equal(Failed1.ErrorMessage, records[1].GetProperty("ErrorMessage").GetString());
        Assert.Equal("InternalFailure", records[2].GetProperty("ErrorCode").GetString());
        Assert.Equal("NONE", document.RootElement.GetProperty("EncryptionType").GetString());
    }

    [Fact]
    public void Merge_AllInjected_AnswersWithoutUpstream()
    {
        var faults = Enumerable.Range(0, 3).Select(i => InjectedErrors.Entry(i, 0.9)).ToList();

        var merged = PutRecordsRewrite.Merge(ReadOnlyMemory<byte>.Empty, 3, faults);

        using var document = JsonDocument.Parse(merged);
        Assert.Equal(3, document.RootElement.GetProperty("FailedRecordCount").GetInt32());
        Assert.All(document.RootElement.GetProperty("Records").EnumerateArray(), r => Assert.Equal("InternalFailure", r.GetProperty("ErrorCode").GetString()));
    }

    [Fact]
    public void Merge_UpstreamEntryCountDiffers_Null()
    {
        var upstream = """{"FailedRecordCount":0,"Records":[{"SequenceNumber":"1","ShardId":"shardId-0"}]}""";

        Assert.Null(PutRecordsRewrite.Merge(Encoding.UTF8.GetBytes(upstream), 3, [Failed1]));
    }
}
