using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.EventBridge;

internal static class Publishers
{
    public static EventBridgePublisher Create(IEventBridgeClient client, int maxAttempts = 5) =>
        new(client, new EventBridgePublisherOptions { MaxAttempts = maxAttempts, Jitter = new FixedRandom(0) });

    /// <summary>A JSON object detail of exactly <paramref name="bytes"/> UTF-8 bytes.</summary>
    public static string DetailOf(int bytes) => """{"p":""" + "\"" + new string('x', bytes - 8) + "\"}";

    /// <summary>An entry whose size, as EventBridge counts it, is exactly <paramref name="size"/>.</summary>
    public static EventEntry EntryOfSize(int n, int size)
    {
        var shell = EventBridgeClients.Entry(n, "");
        return shell with { Detail = DetailOf(size - PutEventsLimits.EntrySize(shell)) };
    }
}
