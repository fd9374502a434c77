using System.Text;
using Telemetry.Contracts;
using Telemetry.Producer.Replay;
using Telemetry.Producer.Tests.Fakes;

namespace Telemetry.Producer.Tests.Replay;

public class FileReplayTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static string Line(string device, long seq, DateTimeOffset at) =>
        Encoding.UTF8.GetString(ReadingCodec.Encode(new Reading(2, device, "thermostat", "lab", at, seq, new Dictionary<string, double> { ["temperature"] = 20 }, 1)));

    private static async Task<ReplayFile> FileOf(params string[] lines)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("telemetry-replay-file-").FullName, "readings.ndjson");
        await File.WriteAllLinesAsync(path, lines);
        return await ReplayFile.LoadAsync(path, Start.AddHours(1), CancellationToken.None);
    }

    [Fact]
    public async Task LoadAsync_ShardAfterShardAndAnOutOfOrderReading_DevicesMergedByTimeEachInFileOrder()
    {
        // As replay writes it: one shard's devices, then the other's; dev-a's reading 3 was stamped before its 2.
        var file = await FileOf(
            Line("dev-a", 1, Start), Line("dev-a", 3, Start.AddSeconds(20)), Line("dev-a", 2, Start.AddSeconds(15)),
            Line("dev-b", 1, Start.AddSeconds(5)), Line("dev-b", 2, Start.AddSeconds(25)));

        var order = file.Records.Select(r => (r.Record.PartitionKey, ReadingDecoder.Decode(r.Record.Data.Span, Start.AddHours(1)).Reading!.Sequence));

        Assert.Equal([("dev-a", 1L), ("dev-b", 1L), ("dev-a", 3L), ("dev-a", 2L), ("dev-b", 2L)], order);
        Assert.Equal(2, file.Devices);
    }

    [Fact]
    public async Task LoadAsync_LinesThatAreNotReadings_LeftOutWithTheirLineNumbers()
    {
        var file = await FileOf(Line("dev-a", 1, Start), "{not json", "", "{\"deviceId\":\"x\"}", Line("dev-a", 2, Start.AddSeconds(1)));

        Assert.Equal(2, file.Records.Count);
        Assert.Equal([2L, 4L], file.Problems.Select(p => p.Line));
    }

    [Fact]
    public async Task RunAsync_SpeedTwo_ReadingTenSecondsLaterSentFiveSecondsLater()
    {
        var file = await FileOf(Line("dev-a", 1, Start), Line("dev-a", 2, Start.AddSeconds(10)));
        var client = new FakeKinesisClient();
        var time = new WatchedFakeTime(Start);

        var running = new FileReplay(time).RunAsync(file, "telemetry", 2, client, null, CancellationToken.None);
        await Poll(() => client.Accepted.Count == 1 && time.WaitsStarted > 0);
        time.Advance(TimeSpan.FromSeconds(4));
        var afterFour = client.Accepted.Count;
        await Poll(() => time.WaitsStarted > 1);
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await running;

        Assert.Equal(1, afterFour);
        Assert.Equal((2L, 0L), (result.Sent, result.Failed));
        Assert.Equal(file.Records.Select(r => r.Record.Data.ToArray()), client.Accepted.Select(e => e.Data.ToArray()));
    }

    [Fact]
    public async Task RunAsync_SpeedZero_SendsEverythingWithoutWaiting()
    {
        var file = await FileOf(Line("dev-a", 1, Start), Line("dev-a", 2, Start.AddMinutes(50)));
        var client = new FakeKinesisClient();
        var time = new WatchedFakeTime(Start);

        var result = await new FileReplay(time).RunAsync(file, "telemetry", 0, client, null, CancellationToken.None);

        Assert.Equal((2L, 0), (result.Sent, time.WaitsStarted));
    }

    private static async Task Poll(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Yield();
        }
    }
}
