using System.Text.Json;

namespace Telemetry.Cli.Tests;

[Collection(ReplayStackCollection.Name)]
public sealed class ReplayTests(ReplayStackFixture stack)
{
    private static IEnumerable<(string Device, long Seq)> Readings(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.GetProperty("deviceId").GetString()!, json.RootElement.GetProperty("seq").GetInt64());
        }).ToList();

    [Fact]
    public async Task Replay_AcrossASplit_WritesEveryReadingOnceParentBeforeChildToTheFile()
    {
        var file = Path.Combine(stack.Data, $"all-{Guid.NewGuid():N}.ndjson");

        var (exitCode, _) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--into", file, "--data-dir", stack.Data);
        var readings = Readings(await File.ReadAllTextAsync(file)).ToList();

        Assert.Equal(0, exitCode);
        Assert.Equal(ReplayStackFixture.Readings, readings.Count);
        Assert.All(ReplayStackFixture.DeviceIds, device =>
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), readings.Where(r => r.Device == device).Select(r => r.Seq)));
        Assert.Empty(Directory.GetFiles(stack.Data, "*.partial"));
    }

    [Fact]
    public async Task Replay_ToBeforeTheSplit_OnlyTheParentsReadingsOfOneDeviceOnStdout()
    {
        var (exitCode, output) = await CliRunner.RunAsync(
            "replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--to", stack.BetweenBatches.ToString("O"), "--device", "replay-b", "--data-dir", stack.Data);

        Assert.Equal(0, exitCode);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => ("replay-b", (long)i)), Readings(output));
    }

    [Fact]
    public async Task ReplayDryRunJson_WholeRun_CountsReadingsAndThePoisonAndWritesNothing()
    {
        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--dry-run", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            (ReplayStackFixture.Readings + 1L, (long)ReplayStackFixture.Readings, 1L, ReplayStackFixture.DeviceIds.Length + 1, JsonValueKind.Null),
            (summary.RootElement.GetProperty("records").GetInt64(), summary.RootElement.GetProperty("readings").GetInt64(),
             summary.RootElement.GetProperty("notReadings").GetInt64(), summary.RootElement.GetProperty("devices").GetInt32(),
             summary.RootElement.GetProperty("into").ValueKind));
    }

    [Fact]
    public async Task ReplayDryRunJson_FromAfterEveryRecord_ReadsNothingAndEnds()
    {
        // Every shard has records, none at or after --from: kinesalite answered such an AT_TIMESTAMP iterator never.
        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", DateTimeOffset.UtcNow.ToString("O"), "--dry-run", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);

        Assert.Equal(0, exitCode);
        Assert.Equal(0, summary.RootElement.GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task ReplayIntoRollups_DataAlreadyCounted_EveryRollupItemUnchanged()
    {
        var before = await stack.RollupItemsAsync();

        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--into", "rollups", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);
        var after = await stack.RollupItemsAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal(((long)ReplayStackFixture.Readings, 1L, 0L), (summary.RootElement.GetProperty("accepted").GetInt64(), summary.RootElement.GetProperty("rejected").GetInt64(), summary.RootElement.GetProperty("failed").GetInt64()));
        Assert.NotEmpty(before);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task ReplayIntoRollupsDryRun_DataAlreadyCounted_NoWindowWouldChange()
    {
        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--into", "rollups", "--dry-run", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);

        Assert.Equal(0, exitCode);
        Assert.Equal((0L, 0), (summary.RootElement.GetProperty("windowsThatWouldChange").GetInt64(), summary.RootElement.GetProperty("changes").GetArrayLength()));
    }

    [Fact]
    public async Task Replay_IntoAnExistingFile_ExitsTwoAndLeavesItAlone()
    {
        var file = Path.Combine(stack.Data, $"kept-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(file, "mine\n");

        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", "1h", "--into", file, "--data-dir", stack.Data);

        Assert.Equal(2, exitCode);
        Assert.Contains("the file exists", output, StringComparison.Ordinal);
        Assert.Equal("mine\n", await File.ReadAllTextAsync(file));
    }
}
