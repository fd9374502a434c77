namespace Telemetry.Processing.Metrics;

/// <summary>
/// The metrics the functions publish (namespace <see cref="Namespace"/>, dimension <c>Function</c>), named once for
/// the functions that write them, the deployment's dashboard and alarms, and <c>local status</c>.
/// </summary>
public static class FunctionMetricNames
{
    public const string Namespace = "Telemetry";

    /// <summary>Records in the invocation's batch.</summary>
    public const string Records = "Records";

    /// <summary>Readings the invocation took in (aggregated, or evaluated by the alerter).</summary>
    public const string ReadingsAccepted = "ReadingsAccepted";

    /// <summary>Records stored as rejected: by function, and by function and reject reason (dimension <c>Reason</c>).</summary>
    public const string RecordsRejected = "RecordsRejected";

    /// <summary>Rollup windows written (minutes, and hours derived from them).</summary>
    public const string WindowsWritten = "WindowsWritten";

    /// <summary>Window writes that lost a race to another writer and were read and tried again.</summary>
    public const string WriteConflictsRetried = "WriteConflictsRetried";

    /// <summary>Alert events published that open an episode: <c>AlertRaised</c> and <c>DeviceSilent</c>.</summary>
    public const string AlertsRaised = "AlertsRaised";

    /// <summary>Alert events published that close one: <c>AlertCleared</c> and <c>DeviceResumed</c>.</summary>
    public const string AlertsCleared = "AlertsCleared";

    /// <summary>How long the oldest record of the batch had been in the stream when the invocation began, in milliseconds.</summary>
    public const string BatchAge = "BatchAge";

    /// <summary>
    /// Batch item failures the invocation reported: each asks Lambda to deliver a shard's records again from one
    /// sequence number on, because their effect could not be stored.
    /// </summary>
    public const string BatchItemFailures = "BatchItemFailures";

    /// <summary>What the aggregator reports in every invocation, zeros included.</summary>
    public static IReadOnlyList<string> Aggregator { get; } = [Records, ReadingsAccepted, RecordsRejected, WindowsWritten, WriteConflictsRetried, BatchItemFailures];

    /// <summary>What the alerter reports in every invocation, zeros included.</summary>
    public static IReadOnlyList<string> Alerter { get; } = [Records, ReadingsAccepted, RecordsRejected, AlertsRaised, AlertsCleared, BatchItemFailures];

    /// <summary>What the watchdog reports in every run, zeros included.</summary>
    public static IReadOnlyList<string> Watchdog { get; } = [AlertsRaised, AlertsCleared];
}
