using Parquet.Schema;

namespace Telemetry.Local.Archive.Conversion;

/// <summary>
/// The Parquet schema of the readings' Glue table, as Hive maps its columns: schemaversion int, deviceid, devicetype,
/// site and timestamp string, seq and boot bigint, metrics map&lt;string,double&gt;; every column optional, map
/// keys required. Fields are made anew for each file: a writer checks each column against its own schema's fields.
/// </summary>
internal sealed class ReadingTable
{
    public ReadingTable()
    {
        Schema = new ParquetSchema(
            SchemaVersion, DeviceId, DeviceType, Site, Timestamp, Seq, Boot, new MapField(ReadingColumns.Metrics.Name, MetricKey, MetricValue));
    }

    public DataField<int?> SchemaVersion { get; } = new(ReadingColumns.SchemaVersion.Name);

    public DataField<string> DeviceId { get; } = new(ReadingColumns.DeviceId.Name);

    public DataField<string> DeviceType { get; } = new(ReadingColumns.DeviceType.Name);

    public DataField<string> Site { get; } = new(ReadingColumns.Site.Name);

    public DataField<string> Timestamp { get; } = new(ReadingColumns.Timestamp.Name);

    public DataField<long?> Seq { get; } = new(ReadingColumns.Seq.Name);

    public DataField<long?> Boot { get; } = new(ReadingColumns.Boot.Name);

    public DataField<string> MetricKey { get; } = new("key", false);

    public DataField<double?> MetricValue { get; } = new("value");

    public ParquetSchema Schema { get; }
}
