using System.Net.Sockets;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Producer.Sending;

/// <summary>
/// Which whole-call failures are worth retrying: throttling, service-side faults and network trouble. Everything
/// else (a missing stream, bad credentials, access denied) fails the same way every time and is reported instead.
/// </summary>
public static class TransientErrors
{
    /// <remarks>
    /// The client maps every throttle code to a retryable <see cref="KinesisException"/>. HttpClient reports its own
    /// timeout as a cancellation wrapping a <see cref="TimeoutException"/>; the caller's cancellation never gets here.
    /// </remarks>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is KinesisException { IsRetryable: true } or HttpRequestException or IOException or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
