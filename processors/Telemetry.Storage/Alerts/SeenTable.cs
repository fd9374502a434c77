using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Storage.Alerts;

/// <summary>
/// The last-seen records' keys in the telemetry table (docs/alerter.md): <c>pk = SEEN#&lt;bucket&gt;</c>, one of
/// <see cref="Buckets"/> partitions a device is hashed to so the watchdog reads a few partitions rather than
/// scanning the table and no one partition takes the whole fleet's writes; <c>sk</c> = the device id. Beside them,
/// one item per shard under <see cref="LagPartition"/> (<c>sk</c> = the shard id): the alerter's last measured lag.
/// </summary>
public static class SeenTable
{
    public const int Buckets = 16;
    public const string LagPartition = Prefix + "lag";
    private const string Prefix = "SEEN#";

    public static string Partition(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return BucketPartition(SHA256.HashData(Encoding.UTF8.GetBytes(deviceId))[0] % Buckets);
    }

    public static string BucketPartition(int bucket) => Prefix + bucket.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
}
