using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.Emulators;

/// <summary>The project's own Kinesis client pointed at kinesalite.</summary>
public static class LocalClients
{
    /// <param name="maxRetries">The client's own retries; 0 for a caller that retries itself (the simulator's sender).</param>
    public static KinesisClient Kinesis(Uri endpoint, int? maxRetries = null)
    {
        var options = new KinesisClientOptions { ServiceUrl = endpoint, Region = LocalAws.Region, Credentials = LocalAws.Credentials };
        return new KinesisClient(maxRetries is { } retries ? options with { MaxRetries = retries } : options);
    }
}
