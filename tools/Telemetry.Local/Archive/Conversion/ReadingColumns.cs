namespace Telemetry.Local.Archive.Conversion;

/// <summary>A column of the readings' Glue table and the reading's JSON field it holds.</summary>
internal sealed record ReadingColumn(string JsonName)
{
    /// <summary>
    /// The column's name: Glue and Hive keep column names in lower case, and the OpenX JSON SerDe finds each one among
    /// the record's keys case-insensitively, so <c>deviceId</c> fills <c>deviceid</c> with no key mapping.
    /// </summary>
    public string Name { get; } = JsonName.ToLowerInvariant();
}

/// <summary>The columns of the readings' Glue table, in its order, each named after the reading's JSON field.</summary>
internal static class ReadingColumns
{
    public static readonly ReadingColumn SchemaVersion = new("schemaVersion");
    public static readonly ReadingColumn DeviceId = new("deviceId");
    public static readonly ReadingColumn DeviceType = new("deviceType");
    public static readonly ReadingColumn Site = new("site");
    public static readonly ReadingColumn Timestamp = new("timestamp");
    public static readonly ReadingColumn Seq = new("seq");
    public static readonly ReadingColumn Boot = new("boot");
    public static readonly ReadingColumn Metrics = new("metrics");
}
