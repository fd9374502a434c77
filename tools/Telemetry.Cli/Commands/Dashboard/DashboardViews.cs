namespace Telemetry.Cli.Commands.Dashboard;

// The JSON the dashboard's page polls: one record per panel, names stable for scripts too.

/// <summary>Every device the alerter has heard from, with its newest measurement and alert state.</summary>
internal sealed record FleetView(DateTimeOffset At, IReadOnlyList<FleetDevice> Devices);

/// <param name="Alerts">The device's open alert episodes: rule (or <c>silence</c>) and severity.</param>
internal sealed record FleetDevice(
    string DeviceId,
    string DeviceType,
    string Site,
    DateTimeOffset LastSeenAt,
    IReadOnlyDictionary<string, double> Latest,
    bool Silent,
    IReadOnlyList<string> Alerts);

/// <summary>A device's windows over a range, one series per metric.</summary>
/// <param name="ColumnSeconds">What a point covers: one window, or consecutive windows merged when the range holds more than a chart shows.</param>
internal sealed record DeviceView(string DeviceId, string Resolution, long ColumnSeconds, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MetricSeries> Metrics);

internal sealed record MetricSeries(string Metric, string? Unit, IReadOnlyList<WindowPoint> Points);

/// <summary>One window (or merged windows): its start, and the statistics of its readings (percentiles null when not kept).</summary>
internal sealed record WindowPoint(DateTimeOffset T, long Count, double Mean, double Min, double Max, double? P50, double? P95, double? P99);

/// <summary>Alert episodes opened in the last day, open ones first.</summary>
internal sealed record AlertsView(DateTimeOffset At, IReadOnlyList<AlertRow> Open, IReadOnlyList<AlertRow> Recent);

internal sealed record AlertRow(
    string EpisodeId,
    string Kind,
    string DeviceId,
    string DeviceType,
    string Site,
    string? Rule,
    string? Severity,
    string? Metric,
    double? Value,
    double? Threshold,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt);

/// <summary>The pipeline's health: how far behind the consumers are, what is rejected, and the functions' own counters.</summary>
/// <param name="FunctionsFrom">Where the counters come from and over what time, or why there are none.</param>
internal sealed record HealthView(
    DateTimeOffset At,
    string Target,
    IReadOnlyList<ShardLagRow> AlerterLag,
    IReadOnlyList<ConsumerLagRow> Consumers,
    IReadOnlyList<HourCount> RejectedPerHour,
    IReadOnlyList<FunctionCountersRow> Functions,
    string FunctionsFrom);

/// <summary>A function's own counters (docs/function-metrics.md): locally from functions.log, on AWS from CloudWatch.</summary>
/// <param name="Function">Its key: <c>aggregator</c>, <c>alerter</c>, <c>watchdog</c>.</param>
/// <param name="Name">Its deployed name (the metrics' <c>Function</c> dimension); the key locally.</param>
/// <param name="Invocations">Invocations that wrote metrics.</param>
/// <param name="Totals">Each counter summed (metric names of <c>FunctionMetricNames</c>).</param>
/// <param name="LastBatchAgeMs">The batch age of its latest invocation with records (on AWS: the largest of the last minutes).</param>
internal sealed record FunctionCountersRow(string Function, string Name, long Invocations, IReadOnlyDictionary<string, long> Totals, long? LastBatchAgeMs);

/// <summary>The lag the alerter measured on a shard, and when.</summary>
internal sealed record ShardLagRow(string ShardId, double BehindSeconds, DateTimeOffset MeasuredAt);

/// <summary>A local consumer's backlog on a shard (local stack only).</summary>
internal sealed record ConsumerLagRow(string Function, string ShardId, long Pending, double? OldestPendingSeconds);

internal sealed record HourCount(DateTimeOffset Hour, long Count);

/// <summary>The events the dashboard's own queue received, newest first, and whether the queue is attached.</summary>
/// <param name="State"><c>connecting</c>, <c>following</c>, or <c>failed</c> (with <paramref name="Error"/>; tried again).</param>
internal sealed record LiveAlertsView(string State, string? Source, string? Queue, string? Error, IReadOnlyList<LiveAlertRow> Events);

/// <summary>One alert event off the queue: its transition, when it happened and when the dashboard received it.</summary>
internal sealed record LiveAlertRow(
    string DetailType,
    string Word,
    string EpisodeId,
    string DeviceId,
    string? Rule,
    DateTimeOffset At,
    DateTimeOffset ReceivedAt,
    string Summary);
