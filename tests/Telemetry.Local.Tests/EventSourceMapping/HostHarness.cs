using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

/// <summary>Builds hosts with fast local timings; each test passes only the settings it is about.</summary>
public static class HostHarness
{
    public const string Region = "us-east-1";
    public const string FunctionName = "aggregator";

    public static readonly string FirstShardHashKey = "0";
    public static readonly string LastShardHashKey = "340282366920938463463374607431768211455";

    public static EventSourceMappingSettings Fast { get; } = new()
    {
        MaximumBatchingWindow = TimeSpan.Zero,
        PollInterval = TimeSpan.FromMilliseconds(40),
        ShardDiscoveryInterval = TimeSpan.FromMilliseconds(200),
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaximumRetryDelay = TimeSpan.FromMilliseconds(40),
    };

    public static TimeSpan CatchUpDeadline { get; } = TimeSpan.FromSeconds(30);

    public static EventSourceMappingHost Create(
        EventSourceMappingKinesisFixture fixture,
        TestStream stream,
        RecordingHandler handler,
        EventSourceMappingSettings settings,
        ICheckpointStore checkpoints,
        TimeProvider? time = null) =>
        new(FunctionName, stream.Name, stream.Arn, Region, fixture.Kinesis, handler.Handler, settings, checkpoints, time ?? TimeProvider.System);

    /// <summary>Waits for <paramref name="condition"/>, failing the test after <see cref="CatchUpDeadline"/>.</summary>
    public static async Task PollAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow() + CatchUpDeadline;
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The condition was not met before the deadline.");
            await Task.Delay(20);
        }
    }
}
