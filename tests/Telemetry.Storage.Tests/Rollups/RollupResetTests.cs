using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Storage.Tests.Rollups;

[Collection(DynaliteCollection.Name)]
public class RollupResetTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] FourReadings =
        [TenOClock.AddSeconds(-30), TenOClock.AddSeconds(10), TenOClock.AddMinutes(30).AddSeconds(10), TenOClock.AddHours(1).AddSeconds(10)];

    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EmptyAsync_WindowsInRange_EmptiesOnlyThoseKeepingTheirDevice()
    {
        var device = await SeedAsync(TenOClock);

        var emptied = await Reset().EmptyAsync(TenToEleven(device), _ => { }, CancellationToken.None);

        Assert.Equal(3, emptied);
        foreach (var (resolution, start) in new[] { (Resolution.Minute, TenOClock), (Resolution.Minute, TenOClock.AddMinutes(30)), (Resolution.Hour, TenOClock) })
        {
            var state = (await ReadAsync(device, resolution, start))!.State;
            Assert.Equal((0L, 0, 0L, "thermostat", "site-a"), (state.ReadingCount, state.Metrics.Count, state.Absorbed.Count, state.DeviceType, state.Site));
        }

        Assert.Equal(1, (await ReadAsync(device, Resolution.Minute, TenOClock.AddMinutes(-1)))!.State.ReadingCount);
        Assert.Equal(1, (await ReadAsync(device, Resolution.Hour, TenOClock.AddHours(-1)))!.State.ReadingCount);
        Assert.Equal(1, (await ReadAsync(device, Resolution.Hour, TenOClock.AddHours(1)))!.State.ReadingCount);
    }

    [Fact]
    public async Task EmptyAsync_RunTwice_SecondEmptiesNothing()
    {
        var device = await SeedAsync(TenOClock);
        var reset = Reset();

        var first = await reset.EmptyAsync(TenToEleven(device), _ => { }, CancellationToken.None);
        var second = await reset.EmptyAsync(TenToEleven(device), _ => { }, CancellationToken.None);

        Assert.Equal((3, 0), (first, second));
    }

    [Fact]
    public async Task CountAsync_WindowsInRange_CountsThemWithoutWriting()
    {
        var device = await SeedAsync(TenOClock);

        var count = await Reset().CountAsync(TenToEleven(device), CancellationToken.None);

        Assert.Equal(3, count);
        Assert.Equal(1, (await ReadAsync(device, Resolution.Minute, TenOClock))!.State.ReadingCount);
        Assert.Equal(2, (await ReadAsync(device, Resolution.Hour, TenOClock))!.State.ReadingCount);
    }

    [Fact]
    public async Task SweepAsync_SomeReadingsAppliedAgain_RemovesOnlyTheWindowsStillEmpty()
    {
        var device = await SeedAsync(TenOClock);
        var reset = Reset();
        await reset.EmptyAsync(TenToEleven(device), _ => { }, CancellationToken.None);
        await Seed.RollupsAsync(dynalite.Client, table, [At(device, FourReadings[1], 2, ("temp", 20))]);

        var removed = await reset.SweepAsync(TenToEleven(device), CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Null(await ReadAsync(device, Resolution.Minute, TenOClock.AddMinutes(30)));
        Assert.Equal(1, (await ReadAsync(device, Resolution.Minute, TenOClock))!.State.ReadingCount);
        Assert.Equal(1, (await ReadAsync(device, Resolution.Hour, TenOClock))!.State.ReadingCount);
    }

    [Fact]
    public async Task EmptyAsync_AggregatorWritePreparedFromTheOldContent_AggregatorRedoesItOnTheEmptyWindow()
    {
        var device = await SeedAsync(TenOClock);
        // Every write of the store waits for one emptying that runs between its read and its write.
        var emptying = new Lazy<Task<long>>(() => Reset().EmptyAsync(TenToEleven(device), _ => { }, CancellationToken.None));
        var racing = InterceptingDynamoDb.Wrap(dynalite.Client, request => request is UpdateItemRequest ? emptying.Value : Task.CompletedTask);
        var windows = BatchPlanner.GroupByWindow(
            [new SequencedReading("shardId-000000000000", SequenceNumber.Parse("9"), At(device, TenOClock.AddSeconds(20), 9, ("temp", 90)))],
            AggregationOptions.Default);

        var result = await new RollupStore(racing, table, TextWriter.Null, null).ApplyAsync(windows, CancellationToken.None);

        Assert.Empty(result.Failed);
        Assert.Equal(3, await emptying.Value);
        // Only the racing reading: the old content it was prepared from did not come back.
        var minute = (await ReadAsync(device, Resolution.Minute, TenOClock))!.State;
        Assert.Equal((1L, 90.0), (minute.ReadingCount, minute.Metrics["temp"].Sum));
        Assert.Equal(1, (await ReadAsync(device, Resolution.Hour, TenOClock))!.State.ReadingCount);
    }

    [Fact]
    public async Task SweepAsync_ReadingWrittenAfterTheListing_KeepsItsWindow()
    {
        var device = await SeedAsync(TenOClock);
        await Reset().EmptyAsync(TenToEleven(device), _ => { }, CancellationToken.None);
        // Every delete waits for a reading of 10:30 to be written first, after the sweep listed its windows.
        var late = new Lazy<Task>(() => Seed.RollupsAsync(dynalite.Client, table, [At(device, FourReadings[2], 3, ("temp", 30))]));
        var racing = InterceptingDynamoDb.Wrap(dynalite.Client, request => request is DeleteItemRequest ? late.Value : Task.CompletedTask);

        var removed = await new RollupReset(racing, table, null).SweepAsync(TenToEleven(device), CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Null(await ReadAsync(device, Resolution.Minute, TenOClock));
        Assert.Equal(1, (await ReadAsync(device, Resolution.Minute, TenOClock.AddMinutes(30)))!.State.ReadingCount);
        Assert.Equal(1, (await ReadAsync(device, Resolution.Hour, TenOClock))!.State.ReadingCount);
    }

    [Fact]
    public async Task EmptyAsync_NoDeviceNamedAndNoEnd_EmptiesEveryDevicesWindowsFromTheStart()
    {
        // A day of its own: a range over every device must not reach the windows of this class's other tests.
        var day = TenOClock.AddDays(1);
        var (first, second) = (await SeedAsync(day), await SeedAsync(day));

        var emptied = await Reset().EmptyAsync(new RollupRange(day, null, [], Resolution.Hour), _ => { }, CancellationToken.None);

        Assert.Equal(10, emptied);
        foreach (var device in new[] { first, second })
        {
            Assert.Equal(0, (await ReadAsync(device, Resolution.Hour, day.AddHours(1)))!.State.ReadingCount);
            Assert.Equal(1, (await ReadAsync(device, Resolution.Hour, day.AddHours(-1)))!.State.ReadingCount);
        }
    }

    [Fact]
    public void RollupRange_BoundNotOnTheHour_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RollupRange(TenOClock.AddMinutes(1), null, [], Resolution.Hour));
        Assert.Throws<ArgumentException>(() => new RollupRange(TenOClock, TenOClock.AddMinutes(90), [], Resolution.Hour));
        Assert.Throws<ArgumentException>(() => new RollupRange(TenOClock, TenOClock, [], Resolution.Hour));
    }

    [Fact]
    public void Holds_ReadingsAtTheBounds_OwnsTheStartButNotTheEnd()
    {
        var range = new RollupRange(TenOClock, TenOClock.AddHours(1), ["dev-a"], Resolution.Hour);

        Assert.True(range.Holds("dev-a", TenOClock));
        Assert.False(range.Holds("dev-a", TenOClock.AddHours(1)));
        Assert.False(range.Holds("dev-b", TenOClock));
    }

    // One reading at each of 09:59:30, 10:00:10, 10:30:10 and 11:00:10 from the given hour's 10 o'clock.
    private async Task<string> SeedAsync(DateTimeOffset tenOClock)
    {
        var device = NewDeviceId();
        var shift = tenOClock - TenOClock;
        await Seed.RollupsAsync(dynalite.Client, table, FourReadings.Select((at, i) => At(device, at + shift, i + 1, ("temp", i))));
        return device;
    }

    private static RollupRange TenToEleven(string device) => new(TenOClock, TenOClock.AddHours(1), [device], Resolution.Hour);

    private RollupReset Reset() => new(dynalite.Client, table, null);

    private async Task<StoredRollup?> ReadAsync(string device, Resolution resolution, DateTimeOffset start)
    {
        var response = await dynalite.Client.GetItemAsync(
            new GetItemRequest { TableName = table, Key = RollupTable.Key(new WindowKey(device, resolution, start)), ConsistentRead = true });
        return RollupItem.Read(response.Item);
    }
}
