using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Sns;

namespace Telemetry.Local.Emulators;

/// <summary>The project's own wire clients pointed at the emulators: Kinesis at kinesalite, EventBridge and SNS at moto.</summary>
public static class LocalClients
{
    public static EventBridgeClient EventBridge(Uri endpoint) =>
        new(new EventBridgeClientOptions { ServiceUrl = endpoint, Region = LocalAws.Region, Credentials = LocalAws.Credentials });

    public static SnsClient Sns(Uri endpoint) =>
        new(new SnsClientOptions { ServiceUrl = endpoint, Region = LocalAws.Region, Credentials = LocalAws.Credentials });

    /// <param name="maxRetries">The client's own retries; 0 for a caller that retries itself (the simulator's sender).</param>
    public static KinesisClient Kinesis(Uri endpoint, int? maxRetries = null)
    {
        var options = new KinesisClientOptions { ServiceUrl = endpoint, Region = LocalAws.Region, Credentials = LocalAws.Credentials };
        return new KinesisClient(maxRetries is { } retries ? options with { MaxRetries = retries } : options);
    }
}
