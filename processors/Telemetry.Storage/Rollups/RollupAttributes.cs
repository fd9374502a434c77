namespace Telemetry.Storage.Rollups;

// Attribute names of a rollup item, named once for the writer and the reader.
internal static class RollupAttributes
{
    public const string DeviceId = "deviceId";
    public const string DeviceType = "deviceType";
    public const string Site = "site";
    public const string Resolution = "resolution";
    public const string WindowStart = "windowStart";
    public const string Readings = "readings";
    public const string Metrics = "m";
    public const string Absorbed = "ids";
    public const string Version = "ver";

    public const string Count = "count";
    public const string Sum = "sum";
    public const string Min = "min";
    public const string Max = "max";
    public const string SumOfSquares = "sumsq";
    public const string Quantiles = "q";
}
