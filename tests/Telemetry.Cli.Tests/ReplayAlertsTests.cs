using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Telemetry.Local.Emulators;

namespace Telemetry.Cli.Tests;

/// <summary><c>replay --into alerts</c> on the replay stack, whose alerter has raised and cleared the hot thermostat's overheat.</summary>
[Collection(ReplayStackCollection.Name)]
public sealed class ReplayAlertsTests(ReplayStackFixture stack)
{
    [Fact]
    public async Task ReplayIntoAlerts_DataAlreadyApplied_EveryAlertStateItemUnchanged()
    {
        var before = await stack.ItemsAsync("A#");

        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--into", "alerts", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);

        Assert.Equal(0, exitCode);
        Assert.Equal(((long)ReplayStackFixture.Readings, 1L, 0L), (summary.RootElement.GetProperty("accepted").GetInt64(), summary.RootElement.GetProperty("rejected").GetInt64(), summary.RootElement.GetProperty("failed").GetInt64()));
        Assert.Contains(before, item => item.Contains("thermostat-overheat", StringComparison.Ordinal));
        Assert.Equal(before, await stack.ItemsAsync("A#"));
    }

    [Fact]
    public async Task ReplayIntoAlerts_AlerterStateAndHistoryLost_TheSameEpisodeRaisedAndClearedAgain()
    {
        var episodes = await HotEpisodesAsync();
        await DeleteHotAlertItemsAsync();

        var (exitCode, _) = await CliRunner.RunAsync(
            "replay", "--from", stack.Before.AddSeconds(-1).ToString("O"), "--into", "alerts", "--device", ReplayStackFixture.HotDevice, "--data-dir", stack.Data);

        Assert.Equal(0, exitCode);
        Assert.Single(episodes);
        Assert.Contains("closed", episodes[0], StringComparison.Ordinal);
        Assert.Equal(episodes, await HotEpisodesAsync());
    }

    private async Task<IReadOnlyList<string>> HotEpisodesAsync() =>
        [.. (await stack.ItemsAsync("EPISODES#")).Where(item => item.Contains(ReplayStackFixture.HotDevice, StringComparison.Ordinal))];

    private async Task DeleteHotAlertItemsAsync()
    {
        using var dynamo = LocalAws.DynamoDb(stack.State.EmulatorEndpoint(EmulatorKind.DynamoDb));
        var items = (await dynamo.ScanAsync(new ScanRequest { TableName = stack.State.TableName })).Items;
        var hot = items.Where(i =>
            i["pk"].S == $"A#{ReplayStackFixture.HotDevice}"
            || (i["pk"].S.StartsWith("EPISODES#", StringComparison.Ordinal) && i.Values.Any(v => v.S?.Contains(ReplayStackFixture.HotDevice, StringComparison.Ordinal) == true)));
        foreach (var item in hot.ToList())
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = stack.State.TableName, Key = new() { ["pk"] = item["pk"], ["sk"] = item["sk"] } });
        }

        Assert.Empty(await HotEpisodesAsync());
    }
}
