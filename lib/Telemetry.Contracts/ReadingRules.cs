using System.Buffers;
using System.Globalization;

namespace Telemetry.Contracts;

/// <summary>Field-level rules of the reading contract, shared by the decoder and by producers that want to check early.</summary>
public static class ReadingRules
{
    // Device ids become DynamoDB key parts joined with '#' and Kinesis partition keys, so '#' and whitespace are out.
    private static readonly SearchValues<char> DeviceIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    // Metric names become parts of attribute names and query keys; ':' is kept free as a separator there.
    private static readonly SearchValues<char> MetricNameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    private static readonly string[] UtcFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>Returns <see langword="null"/> when <paramref name="deviceId"/> is valid, else why not.</summary>
    public static string? CheckDeviceId(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (deviceId.Length == 0)
        {
            return "deviceId is empty";
        }

        if (deviceId.Length > ReadingSchema.MaxDeviceIdLength)
        {
            return $"deviceId has {deviceId.Length} characters; the limit is {ReadingSchema.MaxDeviceIdLength}";
        }

        var bad = deviceId.AsSpan().IndexOfAnyExcept(DeviceIdChars);
        return bad < 0
            ? null
            : $"deviceId has character U+{(int)deviceId[bad]:X4} at {bad}; allowed are A-Z a-z 0-9 . _ : -";
    }

    /// <summary>Returns <see langword="null"/> when <paramref name="name"/> is a valid metric name, else why not.</summary>
    public static string? CheckMetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "a metric name is empty";
        }

        if (name.Length > ReadingSchema.MaxMetricNameLength)
        {
            return $"metric name of {name.Length} characters; the limit is {ReadingSchema.MaxMetricNameLength}";
        }

        var bad = name.AsSpan().IndexOfAnyExcept(MetricNameChars);
        return bad < 0
            ? null
            : $"metric name '{name}' has character U+{(int)name[bad]:X4} at {bad}; allowed are A-Z a-z 0-9 . _ -";
    }

    /// <summary>Returns <see langword="null"/> when <paramref name="value"/> is a non-blank label within <paramref name="maxLength"/>.</summary>
    public static string? CheckLabel(string field, string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is empty";
        }

        return value.Length > maxLength ? $"{field} has {value.Length} characters; the limit is {maxLength}" : null;
    }

    /// <summary>
    /// Parses a UTC ISO-8601 date and time (<c>Z</c> or <c>+00:00</c>, fraction optional), truncated to milliseconds
    /// so that a decoded reading equals its re-encoded form.
    /// </summary>
    public static bool TryParseUtcTimestamp(string text, out DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(text);
        timestamp = default;
        if (!DateTimeOffset.TryParseExact(
                text, UtcFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || parsed.Offset != TimeSpan.Zero)
        {
            return false;
        }

        var ticks = parsed.UtcTicks;
        timestamp = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        return true;
    }

    /// <summary>Returns <see langword="null"/> when <paramref name="value"/> is a storable metric value, else why not.</summary>
    public static string? CheckMetricValue(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            return $"metric '{name}' is not finite";
        }

        var magnitude = Math.Abs(value);
        return value != 0 && (magnitude > ReadingSchema.MaxMetricMagnitude || magnitude < ReadingSchema.MinMetricMagnitude)
            ? $"metric '{name}' = {value.ToString("R", CultureInfo.InvariantCulture)} is outside "
              + $"[{ReadingSchema.MinMetricMagnitude:R}, {ReadingSchema.MaxMetricMagnitude:R}] in magnitude"
            : null;
    }
}
