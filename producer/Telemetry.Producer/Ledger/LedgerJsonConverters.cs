using System.Text.Json;
using System.Text.Json.Serialization;
using Telemetry.Contracts;

namespace Telemetry.Producer.Ledger;

/// <summary>A <see cref="SequenceRanges"/> as its compact text form, <c>1-300,302</c>.</summary>
public sealed class SequenceRangesJsonConverter : JsonConverter<SequenceRanges>
{
    public override SequenceRanges Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("sequence ranges must be a string such as \"1-300,302\"");
        return SequenceRanges.TryParse(text, out var ranges, out var problem) ? ranges : throw new JsonException(problem);
    }

    public override void Write(Utf8JsonWriter writer, SequenceRanges value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}

/// <summary>A duration in the project's syntax (<see cref="Durations"/>), for example <c>24h</c>.</summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return Durations.TryParse(text, out var duration) ? duration : throw new JsonException($"'{text}' is not a duration such as {Durations.Examples}");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Durations.Format(value));
    }
}

/// <summary>A UTC time as ISO-8601 with milliseconds and a trailing Z, like the readings' timestamps.</summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? string.Empty;
        return ReadingRules.TryParseUtcTimestamp(text, out var value) ? value : throw new JsonException($"'{text}' is not a UTC time such as 2026-01-02T03:04:05.678Z");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ReadingCodec.FormatTimestamp(value));
    }
}

/// <summary>An optional duration in the project's syntax, or null.</summary>
public sealed class NullableDurationJsonConverter : JsonConverter<TimeSpan?>
{
    private static readonly DurationJsonConverter Inner = new();

    public override bool HandleNull => true;

    public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(TimeSpan), options);

    public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } duration)
        {
            Inner.Write(writer, duration, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
