using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.Emulators;

/// <summary>The project's own Kinesis client pointed at kinesalite.</summary>
public static class LocalClients
{
    public static KinesisClient Kinesis(Uri endpoint) =>
        new(new KinesisClientOptions { ServiceUrl = endpoint, Region = LocalAws.Region, Credentials = LocalAws.Credentials });
}
