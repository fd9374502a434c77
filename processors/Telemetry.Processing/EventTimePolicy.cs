using Telemetry.Contracts;

namespace Telemetry.Processing;

/// <summary>Decides, by event time, whether a reading arrives too late to update its windows.</summary>
public static class EventTimePolicy
{
    /// <summary>
    /// A reading is too late when its window at <see cref="AggregationOptions.LatenessWindow"/> ended more than
    /// <see cref="AggregationOptions.AllowedLateness"/> before <paramref name="now"/>; exactly at the bound it is accepted.
    /// Judging by the coarsest window (written or derived) keeps a reading's windows consistent: it updates all of them or none.
    /// </summary>
    public static LatenessVerdict Judge(Reading reading, DateTimeOffset now, AggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(options);
        var window = WindowKey.For(reading.DeviceId, options.LatenessWindow, reading.Timestamp);
        return now - window.End > options.AllowedLateness ? LatenessVerdict.TooLate : LatenessVerdict.Accepted;
    }
}
