using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Telemetry.Local.Emulators;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Tests;

/// <summary><c>replay --into rollups --rebuild</c> on the replay stack, whose aggregator has counted every reading.</summary>
[Collection(ReplayStackCollection.Name)]
public sealed class ReplayRebuildTests(ReplayStackFixture stack)
{
    [Fact]
    public async Task ReplayRebuild_TamperedAndFabricatedWindows_EveryWindowAsTheStreamSays()
    {
        await TamperAsync("replay-a");
        var fabricated = await FabricateAsync("replay-c");
        var stored = (await stack.RollupItemsAsync()).Count;

        var (exitCode, output) = await CliRunner.RunAsync(
            "replay", "--from", stack.Before.ToString("O"), "--into", "rollups", "--rebuild", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);
        var rebuild = summary.RootElement.GetProperty("rebuild");

        Assert.Equal(0, exitCode);
        Assert.Equal(stack.Truth, await stack.RollupItemsAsync(withVersion: false));
        Assert.Equal(((long)stored, 1L, true), (rebuild.GetProperty("windows").GetInt64(), rebuild.GetProperty("removed").GetInt64(), rebuild.GetProperty("complete").GetBoolean()));
        Assert.Null(await ItemAsync(fabricated));
        Assert.Equal(((long)ReplayStackFixture.Readings, 1L, 0L), (summary.RootElement.GetProperty("accepted").GetInt64(), summary.RootElement.GetProperty("rejected").GetInt64(), summary.RootElement.GetProperty("failed").GetInt64()));
    }

    [Fact]
    public async Task ReplayRebuild_EveryRollupDeleted_SameItemsAndASecondReplayWritesNothing()
    {
        await DeleteRollupsAsync();

        var (exitCode, _) = await CliRunner.RunAsync("replay", "--from", stack.Before.ToString("O"), "--into", "rollups", "--rebuild", "--data-dir", stack.Data);
        var rebuilt = await stack.RollupItemsAsync();
        var (againCode, _) = await CliRunner.RunAsync("replay", "--from", stack.Before.ToString("O"), "--into", "rollups", "--data-dir", stack.Data);

        Assert.Equal((0, 0), (exitCode, againCode));
        Assert.Equal(stack.Truth, await stack.RollupItemsAsync(withVersion: false));
        Assert.Equal(rebuilt, await stack.RollupItemsAsync());
    }

    [Fact]
    public async Task ReplayRebuild_OneDevice_RebuildsItsWindowsAndLeavesTheOthers()
    {
        var tamperedA = await TamperAsync("replay-a");
        await TamperAsync("replay-b");

        var (exitCode, _) = await CliRunner.RunAsync(
            "replay", "--from", stack.Before.ToString("O"), "--into", "rollups", "--rebuild", "--device", "replay-b", "--data-dir", stack.Data);
        var leftAlone = (await ItemAsync(tamperedA))!["readings"].N;
        var (repairCode, _) = await CliRunner.RunAsync(
            "replay", "--from", stack.Before.ToString("O"), "--into", "rollups", "--rebuild", "--data-dir", stack.Data);

        Assert.Equal((0, 0), (exitCode, repairCode));
        Assert.Equal("999", leftAlone);
        Assert.Equal(stack.Truth, await stack.RollupItemsAsync(withVersion: false));
    }

    [Fact]
    public async Task ReplayRebuildDryRun_TamperedAndFabricatedWindows_ListsThemAndWritesNothing()
    {
        var tampered = await TamperAsync("replay-b");
        var fabricated = await FabricateAsync("replay-c");
        var before = await stack.RollupItemsAsync();

        var (exitCode, output) = await CliRunner.RunAsync(
            "replay", "--from", stack.Before.ToString("O"), "--into", "rollups", "--rebuild", "--dry-run", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);
        var rebuild = summary.RootElement.GetProperty("rebuild");
        var after = await stack.RollupItemsAsync();
        await CliRunner.RunAsync("replay", "--from", stack.Before.ToString("O"), "--into", "rollups", "--rebuild", "--data-dir", stack.Data);

        Assert.Equal(0, exitCode);
        Assert.Equal(before, after);
        Assert.Equal((before.Count, JsonValueKind.Null), (rebuild.GetProperty("windows").GetInt64(), rebuild.GetProperty("removed").ValueKind));
        // The tampered minute's hour changes with it: an hour is what its minutes hold (docs/hour-rollups.md).
        var tamperedHour = RollupTable.WindowSortKey(Resolution.Hour.WindowStart(
            DateTimeOffset.Parse(tampered["sk"].S, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
        Assert.Equal(
            [("replay-b", tamperedHour, "changed"), ("replay-b", tampered["sk"].S, "changed"), ("replay-c", fabricated["sk"].S, "removed")],
            Changes(summary).OrderBy(c => c.Device, StringComparer.Ordinal).ThenBy(c => c.Start, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReplayIntoRollupsDryRun_OneWindowDeleted_ListsItAsCreatedAndWritesNothing()
    {
        var deleted = await TamperAsync("replay-c");
        using (var dynamo = Dynamo())
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = stack.State.TableName, Key = deleted });
        }

        var before = await stack.RollupItemsAsync();

        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", stack.Before.ToString("O"), "--into", "rollups", "--dry-run", "--json", "--data-dir", stack.Data);
        using var summary = JsonDocument.Parse(output);
        var after = await stack.RollupItemsAsync();
        await CliRunner.RunAsync("replay", "--from", stack.Before.ToString("O"), "--into", "rollups", "--data-dir", stack.Data);

        Assert.Equal(0, exitCode);
        Assert.Equal(before, after);
        // Its hour is created or changed, as the other minutes of that hour decide: an hour is what its minutes hold.
        // Told apart by resolution, not start: the first minute of an hour starts when its hour does.
        var hour = RollupTable.WindowSortKey(Resolution.Hour.WindowStart(DateTimeOffset.Parse(deleted["sk"].S, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
        var changes = summary.RootElement.GetProperty("changes").EnumerateArray()
            .Select(c => (Resolution: c.GetProperty("resolution").GetString(), Change: (Device: c.GetProperty("deviceId").GetString()!, Start: RollupTable.WindowSortKey(c.GetProperty("windowStart").GetDateTimeOffset()), Kind: c.GetProperty("change").GetString()!)))
            .ToList();
        Assert.Equal([("replay-c", deleted["sk"].S, "created")], changes.Where(c => c.Resolution == "1m").Select(c => c.Change));
        var hourChange = Assert.Single(changes, c => c.Resolution == "1h").Change;
        Assert.Equal(("replay-c", hour), (hourChange.Device, hourChange.Start));
        Assert.Contains(hourChange.Kind, new[] { "created", "changed" });
        Assert.Equal(stack.Truth, await stack.RollupItemsAsync(withVersion: false));
    }

    [Fact]
    public async Task ReplayRebuildNoArchive_FromBeyondTheStreamsRetention_ExitsTwoAndWritesNothing()
    {
        var before = await stack.RollupItemsAsync();

        var (exitCode, output) = await CliRunner.RunAsync("replay", "--from", "30h", "--into", "rollups", "--rebuild", "--no-archive", "--data-dir", stack.Data);

        Assert.Equal(2, exitCode);
        Assert.Contains("the stream keeps them only from", output, StringComparison.Ordinal);
        Assert.Equal(before, await stack.RollupItemsAsync());
    }

    private static List<(string Device, string Start, string Change)> Changes(JsonDocument summary) =>
        [.. summary.RootElement.GetProperty("changes").EnumerateArray().Select(c => (
            c.GetProperty("deviceId").GetString()!,
            RollupTable.WindowSortKey(c.GetProperty("windowStart").GetDateTimeOffset()),
            c.GetProperty("change").GetString()!))];

    private async Task DeleteRollupsAsync()
    {
        using var dynamo = Dynamo();
        var items = (await dynamo.ScanAsync(new ScanRequest { TableName = stack.State.TableName })).Items;
        foreach (var item in items.Where(i => i["pk"].S.StartsWith("D#", StringComparison.Ordinal)))
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = stack.State.TableName, Key = new() { ["pk"] = item["pk"], ["sk"] = item["sk"] } });
        }

        Assert.Empty(await stack.RollupItemsAsync());
    }

    // Sets one minute window of the device to 999 readings; returns its key.
    private async Task<Dictionary<string, AttributeValue>> TamperAsync(string device)
    {
        using var dynamo = Dynamo();
        var item = await FirstMinuteAsync(dynamo, device);
        var key = new Dictionary<string, AttributeValue> { ["pk"] = item["pk"], ["sk"] = item["sk"] };
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = stack.State.TableName,
            Key = key,
            UpdateExpression = "SET readings = :n",
            ExpressionAttributeValues = new() { [":n"] = new() { N = "999" } },
        });
        return key;
    }

    // A copy of one of the device's minute windows two hours after its readings, where none fell; returns its key.
    private async Task<Dictionary<string, AttributeValue>> FabricateAsync(string device)
    {
        using var dynamo = Dynamo();
        var item = await FirstMinuteAsync(dynamo, device);
        var start = DateTimeOffset.Parse(item["sk"].S, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).AddHours(2);
        item["sk"] = new() { S = RollupTable.WindowSortKey(start) };
        item["windowStart"] = item["sk"];
        await dynamo.PutItemAsync(new PutItemRequest { TableName = stack.State.TableName, Item = item });
        return new() { ["pk"] = item["pk"], ["sk"] = item["sk"] };
    }

    private async Task<Dictionary<string, AttributeValue>> FirstMinuteAsync(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo, string device) =>
        (await dynamo.QueryAsync(new QueryRequest
            {
                TableName = stack.State.TableName,
                KeyConditionExpression = "pk = :pk",
                ExpressionAttributeValues = new() { [":pk"] = new() { S = RollupTable.DevicePartition(device, Telemetry.Processing.Resolution.Minute) } },
                Limit = 1,
            })).Items.Single();

    private async Task<Dictionary<string, AttributeValue>?> ItemAsync(Dictionary<string, AttributeValue> key)
    {
        using var dynamo = Dynamo();
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = stack.State.TableName, Key = key, ConsistentRead = true });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private Amazon.DynamoDBv2.IAmazonDynamoDB Dynamo() => LocalAws.DynamoDb(stack.State.EmulatorEndpoint(EmulatorKind.DynamoDb));
}
