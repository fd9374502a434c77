using System.Text.Json;

namespace Telemetry.Contracts;

/// <summary>Collects the fields of one record as the reader passes them, remembering the first problem.</summary>
internal sealed class ReadingFields(DateTimeOffset now)
{
    private const string SchemaVersionName = "schemaVersion";
    private const string DeviceIdName = "deviceId";
    private const string DeviceTypeName = "deviceType";
    private const string SiteName = "site";
    private const string TimestampName = "timestamp";
    private const string SequenceName = "seq";
    private const string MetricsName = "metrics";
    private const string BootName = "boot";

    private int? _schemaVersion;
    private string? _deviceId;
    private string? _deviceType;
    private string? _site;
    private DateTimeOffset? _timestamp;
    private long? _sequence;
    private long? _boot;
    private Dictionary<string, double>? _metrics;
    private Field _seen;

    private ReadingDecodeResult? _versionProblem;
    private ReadingDecodeResult? _firstProblem;

    // A version 1 record may carry a field named boot for its own purposes; only version 2 gives it a meaning,
    // and the version may come after it, so its problem is kept apart until the version is known.
    private ReadingDecodeResult? _bootProblem;

    /// <summary>Reads one property; the reader is on its name and is left on the last token of its value.</summary>
    public void ReadProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("schemaVersion"u8))
        {
            ReadSchemaVersion(ref reader);
        }
        else if (reader.ValueTextEquals("deviceId"u8))
        {
            ReadString(ref reader, Field.DeviceId, DeviceIdName, ref _deviceId, ReadingRules.CheckDeviceId, RejectReason.InvalidDeviceId);
        }
        else if (reader.ValueTextEquals("deviceType"u8))
        {
            ReadString(ref reader, Field.DeviceType, DeviceTypeName, ref _deviceType,
                v => ReadingRules.CheckLabel(DeviceTypeName, v, ReadingSchema.MaxDeviceTypeLength), RejectReason.InvalidDeviceType);
        }
        else if (reader.ValueTextEquals("site"u8))
        {
            ReadString(ref reader, Field.Site, SiteName, ref _site,
                v => ReadingRules.CheckLabel(SiteName, v, ReadingSchema.MaxSiteLength), RejectReason.InvalidSite);
        }
        else if (reader.ValueTextEquals("timestamp"u8))
        {
            ReadTimestamp(ref reader);
        }
        else if (reader.ValueTextEquals("seq"u8))
        {
            ReadSequence(ref reader);
        }
        else if (reader.ValueTextEquals("metrics"u8))
        {
            ReadMetrics(ref reader);
        }
        else if (reader.ValueTextEquals("boot"u8))
        {
            ReadBoot(ref reader);
        }
        else
        {
            reader.Read();
            reader.Skip();
        }
    }

    public ReadingDecodeResult Complete()
    {
        if (_versionProblem is not null)
        {
            return _versionProblem;
        }

        if (_firstProblem is not null)
        {
            return _firstProblem;
        }

        var hasBoot = _schemaVersion >= ReadingSchema.BootVersion;
        if (hasBoot && _bootProblem is not null)
        {
            return _bootProblem;
        }

        var missing = _schemaVersion is null ? SchemaVersionName
            : _deviceId is null ? DeviceIdName
            : _deviceType is null ? DeviceTypeName
            : _site is null ? SiteName
            : _timestamp is null ? TimestampName
            : _sequence is null ? SequenceName
            : _metrics is null ? MetricsName
            : hasBoot && _boot is null ? BootName
            : null;
        if (missing is not null)
        {
            return ReadingDecodeResult.Reject(RejectReason.MissingField, $"field '{missing}' is missing");
        }

        return ReadingDecodeResult.Accept(new Reading(
            _schemaVersion!.Value, _deviceId!, _deviceType!, _site!, _timestamp!.Value, _sequence!.Value, _metrics!, hasBoot ? _boot!.Value : 0));
    }

    private void ReadSchemaVersion(ref Utf8JsonReader reader)
    {
        if (!BeginValue(ref reader, Field.SchemaVersion, SchemaVersionName, JsonTokenType.Number))
        {
            return;
        }

        if (!reader.TryGetInt32(out var version))
        {
            Problem(RejectReason.MistypedField, $"{SchemaVersionName} is not an integer");
            return;
        }

        _schemaVersion = version;
        if (version is < ReadingSchema.FirstVersion or > ReadingSchema.CurrentVersion)
        {
            _versionProblem ??= ReadingDecodeResult.Reject(
                RejectReason.UnsupportedSchemaVersion,
                $"{SchemaVersionName} {version} is not supported; this build reads {ReadingSchema.FirstVersion} to {ReadingSchema.CurrentVersion}");
        }
    }

    private void ReadString(
        ref Utf8JsonReader reader, Field flag, string field, ref string? target, Func<string, string?> check, RejectReason reason)
    {
        if (!BeginValue(ref reader, flag, field, JsonTokenType.String))
        {
            return;
        }

        target = reader.GetString()!;
        if (check(target) is { } message)
        {
            Problem(reason, message);
        }
    }

    private void ReadTimestamp(ref Utf8JsonReader reader)
    {
        if (!BeginValue(ref reader, Field.Timestamp, TimestampName, JsonTokenType.String))
        {
            return;
        }

        var text = reader.GetString()!;
        if (!ReadingRules.TryParseUtcTimestamp(text, out var timestamp))
        {
            Problem(RejectReason.InvalidTimestamp, $"{TimestampName} '{Truncate(text)}' is not a UTC ISO-8601 date and time");
            return;
        }

        _timestamp = timestamp;
        if (timestamp - now > ReadingSchema.MaxFutureSkew)
        {
            Problem(RejectReason.FutureTimestamp,
                $"{TimestampName} {ReadingCodec.FormatTimestamp(timestamp)} is more than {ReadingSchema.MaxFutureSkew} "
                + $"ahead of {ReadingCodec.FormatTimestamp(now)}");
        }
    }

    private void ReadSequence(ref Utf8JsonReader reader)
    {
        if (!BeginValue(ref reader, Field.Sequence, SequenceName, JsonTokenType.Number))
        {
            return;
        }

        if (!reader.TryGetInt64(out var sequence))
        {
            Problem(RejectReason.MistypedField, $"{SequenceName} is not a 64-bit integer");
            return;
        }

        _sequence = sequence;
        if (sequence < 1)
        {
            Problem(RejectReason.InvalidSequence, $"{SequenceName} is {sequence}; sequence numbers start at 1");
        }
    }

    private void ReadBoot(ref Utf8JsonReader reader)
    {
        var outer = _firstProblem;
        _firstProblem = null;
        if (BeginValue(ref reader, Field.Boot, BootName, JsonTokenType.Number))
        {
            if (!reader.TryGetInt64(out var boot))
            {
                Problem(RejectReason.MistypedField, $"{BootName} is not a 64-bit integer");
            }
            else if (boot < 0)
            {
                Problem(RejectReason.InvalidBoot, $"{BootName} is {boot}; it must not be negative");
            }
            else
            {
                _boot = boot;
            }
        }

        _bootProblem ??= _firstProblem;
        _firstProblem = outer;
    }

    private void ReadMetrics(ref Utf8JsonReader reader)
    {
        if (!BeginValue(ref reader, Field.Metrics, MetricsName, JsonTokenType.StartObject))
        {
            return;
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            ReadMetric(ref reader, name, metrics);
        }

        _metrics = metrics;
        if (metrics.Count == 0)
        {
            Problem(RejectReason.EmptyMetrics, $"{MetricsName} has no entries");
        }
    }

    private void ReadMetric(ref Utf8JsonReader reader, string name, Dictionary<string, double> metrics)
    {
        if (ReadingRules.CheckMetricName(name) is { } nameProblem)
        {
            Problem(RejectReason.InvalidMetricName, nameProblem);
        }

        double value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                // An overflowing literal such as 1e400 either fails TryGetDouble or parses to infinity.
                if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
                {
                    Problem(RejectReason.NonFiniteNumber, $"metric '{Truncate(name)}' overflows a double");
                }
                else if (ReadingRules.CheckMetricValue(name, value) is { } rangeProblem)
                {
                    Problem(RejectReason.MetricOutOfRange, rangeProblem);
                }

                break;
            case JsonTokenType.String when ReadingDecoder.IsNonFiniteText(reader.GetString()!):
                Problem(RejectReason.NonFiniteNumber, $"metric '{Truncate(name)}' is the non-finite string '{Truncate(reader.GetString()!)}'");
                break;
            default:
                Problem(RejectReason.MistypedField,
                    $"metric '{Truncate(name)}' is {ReadingDecoder.Describe(reader.TokenType)}, expected a number");
                reader.Skip();
                break;
        }

        if (!metrics.TryAdd(name, value))
        {
            Problem(RejectReason.DuplicateField, $"metric '{Truncate(name)}' appears twice");
        }
        else if (metrics.Count == ReadingSchema.MaxMetrics + 1)
        {
            Problem(RejectReason.TooManyMetrics, $"{MetricsName} has more than {ReadingSchema.MaxMetrics} entries");
        }
    }

    /// <summary>Moves to the value; <see langword="false"/> (value skipped, problem noted) on a duplicate or a wrong type.</summary>
    private bool BeginValue(ref Utf8JsonReader reader, Field flag, string field, JsonTokenType expected)
    {
        reader.Read();
        if ((_seen & flag) != 0)
        {
            Problem(RejectReason.DuplicateField, $"field '{field}' appears twice");
            reader.Skip();
            return false;
        }

        _seen |= flag;
        if (reader.TokenType == expected)
        {
            return true;
        }

        Problem(RejectReason.MistypedField,
            $"field '{field}' is {ReadingDecoder.Describe(reader.TokenType)}, expected {ReadingDecoder.Describe(expected)}");
        reader.Skip();
        return false;
    }

    private void Problem(RejectReason reason, string message) =>
        _firstProblem ??= ReadingDecodeResult.Reject(reason, message);

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");

    [Flags]
    private enum Field
    {
        None = 0,
        SchemaVersion = 1,
        DeviceId = 2,
        DeviceType = 4,
        Site = 8,
        Timestamp = 16,
        Sequence = 32,
        Metrics = 64,
        Boot = 128,
    }
}
