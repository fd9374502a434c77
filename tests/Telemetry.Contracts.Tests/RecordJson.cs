using System.Text;

namespace Telemetry.Contracts.Tests;

/// <summary>Builds wire records field by field, so each test states only what it breaks.</summary>
internal static class RecordJson
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, string RawValue)[] ValidFields =
    [
        ("schemaVersion", "1"),
        ("deviceId", "\"thermo-001\""),
        ("deviceType", "\"thermostat\""),
        ("site", "\"plant-a\""),
        ("timestamp", "\"2026-11-26T03:59:00.123Z\""),
        ("seq", "42"),
        ("metrics", "{\"temperature\":21.5,\"humidity\":40}"),
    ];

    public static string Valid() => Build(ValidFields);

    /// <summary>The valid record as schema version 2, with <c>boot</c> given as raw JSON (or left out when null).</summary>
    public static string Version2(string? rawBoot) =>
        Build(ValidFields.Select(f => f.Name == "schemaVersion" ? (f.Name, "2") : f)
            .Concat(rawBoot is null ? [] : [("boot", rawBoot)]));

    /// <summary>The valid record with one field's raw JSON value replaced.</summary>
    public static string With(string field, string rawValue) =>
        Build(ValidFields.Select(f => f.Name == field ? (f.Name, rawValue) : f));

    /// <summary>The valid record without one field.</summary>
    public static string Without(string field) => Build(ValidFields.Where(f => f.Name != field));

    /// <summary>The valid record with its metrics object replaced by <paramref name="rawMetrics"/>.</summary>
    public static string WithMetrics(string rawMetrics) => With("metrics", rawMetrics);

    public static ReadingDecodeResult Decode(string json) => ReadingDecoder.Decode(Encoding.UTF8.GetBytes(json), Now);

    private static string Build(IEnumerable<(string Name, string RawValue)> fields) =>
        "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.RawValue}")) + "}";
}
