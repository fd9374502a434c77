using System.Text;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Producer.Replay;

namespace Telemetry.Cli.Tests;

/// <summary>A replay's NDJSON file sent again by the simulator's <c>--replay</c>, into a second stream of the same kinesalite.</summary>
[Collection(ReplayStackCollection.Name)]
public sealed class ReplayFileBackTests(ReplayStackFixture stack)
{
    [Fact]
    public async Task SimulatorReplay_ReplayFile_TheSameRecordsEachDeviceInOrder()
    {
        var file = Path.Combine(stack.Data, $"back-{Guid.NewGuid():N}.ndjson");
        var (exitCode, _) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--into", file, "--data-dir", stack.Data);
        using var kinesis = LocalClients.Kinesis(stack.State.EmulatorEndpoint(EmulatorKind.Kinesis));
        var stream = $"replayed-{Guid.NewGuid():N}"[..20];
        await kinesis.CreateStreamAsync(stream, 2);
        await Poll.UntilAsync(async () => (await kinesis.DescribeStreamSummaryAsync(stream)).StreamStatus, s => s == "ACTIVE", TimeSpan.FromSeconds(30), "the stream to be active");

        var loaded = await ReplayFile.LoadAsync(file, DateTimeOffset.UtcNow, CancellationToken.None);
        var result = await new FileReplay().RunAsync(loaded, stream, 0, kinesis, null, CancellationToken.None);
        var sent = await StreamReadBack.AllAsync(kinesis, stream);

        Assert.Equal(0, exitCode);
        Assert.Equal(((long)ReplayStackFixture.Readings, 0L), (result.Sent, result.Failed));
        Assert.Equal((await File.ReadAllLinesAsync(file)).Order(StringComparer.Ordinal), sent.Select(r => Encoding.UTF8.GetString(r.Data.Span)).Order(StringComparer.Ordinal));
        var now = DateTimeOffset.UtcNow;
        foreach (var device in ReplayStackFixture.DeviceIds)
        {
            // One device, one partition key, one shard: its readings in the order sent.
            Assert.Equal(
                Enumerable.Range(1, 20).Select(i => (long)i),
                sent.Select(r => ReadingDecoder.Decode(r.Data.Span, now).Reading).Where(r => r?.DeviceId == device).Select(r => r!.Sequence));
        }
    }
}
