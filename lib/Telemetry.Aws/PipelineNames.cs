namespace Telemetry.Aws;

/// <summary>
/// Resource names shared by the local stack and the AWS deployment, so that the same binaries work on
/// both; each can be overridden through the environment variable named beside it.
/// </summary>
public static class PipelineNames
{
    public const string StreamVariable = "TELEMETRY_STREAM";
    public const string TableVariable = "TELEMETRY_TABLE";
    public const string BucketVariable = "TELEMETRY_BUCKET";
    public const string EventBusVariable = "TELEMETRY_EVENT_BUS";

    public const string DefaultStream = "telemetry";
    public const string DefaultTable = "telemetry-rollups";
    public const string DefaultBucket = "telemetry-archive";
    public const string DefaultEventBus = "telemetry-alerts";

    public static string Stream => Read(StreamVariable, DefaultStream);

    public static string Table => Read(TableVariable, DefaultTable);

    public static string Bucket => Read(BucketVariable, DefaultBucket);

    public static string EventBus => Read(EventBusVariable, DefaultEventBus);

    private static string Read(string variable, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value) ? fallback : value;
    }
}
