using System.Net.Sockets;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Producer.Sending;

/// <summary>
/// Which whole-call failures are worth retrying: throttling, service-side faults and network trouble. Everything
/// else (a missing stream, bad credentials, access denied) fails the same way every time and is reported instead.
/// </summary>
public static class TransientErrors
{
    // Matched on the type name so that this does not depend on the client's exception hierarchy.
    private static readonly string[] TransientNameParts =
    [
        "Throughput", "LimitExceeded", "Throttl", "InternalFailure", "InternalError", "ServiceUnavailable", "KMSThrottling",
    ];

    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is KinesisException { IsRetryable: true } or HttpRequestException or IOException or SocketException or TimeoutException)
            {
                return true;
            }

            for (var type = e.GetType(); type is not null && type != typeof(Exception); type = type.BaseType)
            {
                if (TransientNameParts.Any(part => type.Name.Contains(part, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
