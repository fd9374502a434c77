namespace Telemetry.Aws.JsonProtocol;

/// <summary>The JSON 1.1 protocol's default timestamp format.</summary>
internal static class AwsJsonTimestamp
{
    /// <summary>Epoch seconds with the full tick fraction: a decimal keeps it exact on the wire.</summary>
    public static decimal ToEpochSeconds(DateTimeOffset timestamp) =>
        (decimal)(timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
}
