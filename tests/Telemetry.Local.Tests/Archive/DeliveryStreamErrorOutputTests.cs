using System.Text;
using System.Text.Json;
using Telemetry.Contracts.Archive;
using Telemetry.Local.Archive;
using static Telemetry.Local.Tests.Archive.DeliveryStreams;

namespace Telemetry.Local.Tests.Archive;

public sealed class DeliveryStreamErrorOutputTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static ArchiveSettings ParquetSettings() => Settings(sizeMb: ArchiveSettings.MinimumConversionBufferingSizeMb, intervalSeconds: 1) with { Format = new ParquetFormat() };

    [Fact]
    public async Task DeliverAsync_RecordParquetRefuses_ErrorObjectUnderFormatConversionFailedOthersInTheParquetObject()
    {
        var (stream, store, host, time) = Create(ParquetSettings());
        await using var _ = stream;
        var later = Start.AddSeconds(5);

        await stream.AcceptAsync("shard-0", [Record(1, Start, """{"seq":1}"""), Record(2, later, "not json"), Record(3, later, """{"seq":3}""")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => !host.Commits.IsEmpty, "the checkpoint", Deadline);
        Assert.Equal([("shard-0", Record(3, Start, "").SequenceNumber, 3)], host.Commits);
        Assert.Equal(2, store.Objects.Count);
        var error = Assert.Single(store.Objects, o => o.Key.StartsWith("errors/", StringComparison.Ordinal));
        Assert.True(ArchiveObjectName.TryParse(error.Key, out var errorName));
        Assert.Equal("errors/format-conversion-failed/", errorName.Prefix);
        Assert.Equal(later, errorName.OldestArrival);
        Assert.Equal("", errorName.Extension);
        Assert.Equal("application/octet-stream", error.ContentType);
        var parquet = Assert.Single(store.Objects, o => o.Key.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.StartsWith("raw/year=2026/month=12/day=01/hour=10/telemetry-archive-1-2026-12-01-10-59-00-", parquet.Key, StringComparison.Ordinal);
        Assert.Equal(
            ["""{"seq":1}""", """{"seq":3}"""],
            new ParquetFormat().Read(new MemoryStream(parquet.Content)).Select(r => Encoding.UTF8.GetString(r.Span)));
        Assert.Equal(1, stream.Objects);
        Assert.Equal(1, stream.ErrorObjects);
    }

    [Fact]
    public async Task DeliverAsync_RecordParquetRefuses_ErrorLineInFirehosesShapeWithTheRawRecord()
    {
        var (stream, store, _, time) = Create(ParquetSettings());
        await using var _ = stream;
        var raw = "{\"seq\":\"x\"}\n";

        await stream.AcceptAsync("shard-1", [Record(7, Start, raw)], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => !store.Objects.IsEmpty, "the error object", Deadline);
        var text = Encoding.UTF8.GetString(Assert.Single(store.Objects).Content);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        using var line = JsonDocument.Parse(Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var root = line.RootElement;
        Assert.Equal(
            ["attemptsMade", "arrivalTimestamp", "lastErrorCode", "lastErrorMessage", "attemptEndingTimestamp", "rawData", "sequenceNumber", "subSequenceNumber"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("attemptsMade").GetInt32());
        Assert.Equal(Start.ToUnixTimeMilliseconds(), root.GetProperty("arrivalTimestamp").GetInt64());
        Assert.Equal("DataFormatConversion.MalformedData", root.GetProperty("lastErrorCode").GetString());
        Assert.StartsWith("Data does not match the schema.", root.GetProperty("lastErrorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(Start.AddSeconds(1).ToUnixTimeMilliseconds(), root.GetProperty("attemptEndingTimestamp").GetInt64());
        Assert.Equal(raw, Encoding.UTF8.GetString(root.GetProperty("rawData").GetBytesFromBase64()));
        Assert.Equal(Record(7, Start, "").SequenceNumber, root.GetProperty("sequenceNumber").GetString());
    }

    [Fact]
    public async Task DeliverAsync_EveryRecordRefused_OnlyTheErrorObjectAndTheCheckpointStillAdvances()
    {
        var (stream, store, host, time) = Create(ParquetSettings());
        await using var _ = stream;

        await stream.AcceptAsync("shard-0", [Record(1, Start, "x"), Record(2, Start, "[]")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => !host.Commits.IsEmpty, "the checkpoint", Deadline);
        var error = Assert.Single(store.Objects);
        Assert.StartsWith("errors/format-conversion-failed/", error.Key, StringComparison.Ordinal);
        Assert.Equal(2, Encoding.UTF8.GetString(error.Content).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2, Assert.Single(host.Commits).Records);
    }

    [Fact]
    public async Task DeliverAsync_ErrorObjectStoreFails_CheckpointWaitsUntilBothObjectsAreStored()
    {
        var (stream, store, host, time) = Create(ParquetSettings());
        await using var _ = stream;
        store.FailNext(2);

        await stream.AcceptAsync("shard-0", [Record(1, Start, "x"), Record(2, Start, """{"seq":2}""")], CancellationToken.None);
        await Poll.UntilAsync(
            () =>
            {
                Assert.True(host.Commits.IsEmpty || store.Objects.Count == 2, "a checkpoint moved before both objects were stored");
                time.Advance(TimeSpan.FromSeconds(1));
                return !host.Commits.IsEmpty;
            },
            "the checkpoint after the retries",
            Deadline);

        Assert.Equal(2, store.Objects.Count);
        Assert.Equal(2, host.Failures.Count);
    }

    [Fact]
    public async Task DeliverAsync_NdjsonRefusesNothing_NoErrorObject()
    {
        var (stream, store, host, time) = Create(Settings(intervalSeconds: 1));
        await using var _ = stream;

        await stream.AcceptAsync("shard-0", [Record(1, Start, "not json")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => !host.Commits.IsEmpty, "the checkpoint", Deadline);
        Assert.EndsWith(".ndjson.gz", Assert.Single(store.Objects).Key, StringComparison.Ordinal);
        Assert.Equal(0, stream.ErrorObjects);
    }
}
