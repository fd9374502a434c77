namespace Telemetry.Cli.Commands.Cost;

/// <summary>The fleet and the pipeline's shape, as the cost model needs them.</summary>
/// <param name="Devices">Devices sending.</param>
/// <param name="RatePerDevice">Readings per second per device.</param>
/// <param name="RecordBytes">Average size of one reading on the stream.</param>
/// <param name="ArchiveCompression">Archive bytes (gzip NDJSON) per raw byte.</param>
/// <param name="StreamConsumers">Readers of the stream: the stream functions and the delivery stream.</param>
/// <param name="MemoryGbByFunction">Each function's memory size, as deployed.</param>
/// <param name="WatchdogEvery">How often the scheduled watchdog runs.</param>
/// <param name="AlertsPerDeviceDay">Alert events per device per day (an assumption: they depend on the fleet).</param>
/// <param name="MinuteRetention">How long minute rollups live (their TTL); hour rollups are kept.</param>
/// <param name="ArchiveBufferingInterval">The delivery stream's buffering interval.</param>
/// <param name="ArchiveBufferingBytes">The delivery stream's buffering size.</param>
internal sealed record Workload(
    int Devices,
    double RatePerDevice,
    double RecordBytes,
    double ArchiveCompression,
    int StreamConsumers,
    IReadOnlyDictionary<string, double> MemoryGbByFunction,
    TimeSpan WatchdogEvery,
    double AlertsPerDeviceDay,
    TimeSpan MinuteRetention,
    TimeSpan ArchiveBufferingInterval,
    double ArchiveBufferingBytes)
{
    public const double HoursPerMonth = 730;

    public double ReadingsPerSecond => Devices * RatePerDevice;

    public double ReadingsPerMonth => ReadingsPerSecond * 3600 * HoursPerMonth;
}

/// <summary>One priced line: a service's usage in a month and what it costs.</summary>
internal sealed record CostLine(string Service, string Item, double Quantity, string Unit, double UnitPriceUsd, double Usd);

/// <summary>A variant of the pipeline priced for a month.</summary>
internal sealed record CostEstimate(string Variant, IReadOnlyList<CostLine> Lines, double ReadingsPerMonth)
{
    public double TotalUsd => Lines.Sum(l => l.Usd);

    public double PerMillionReadingsUsd => TotalUsd / (ReadingsPerMonth / 1e6);

    public double ServiceUsd(string service) => Lines.Where(l => l.Service == service).Sum(l => l.Usd);
}

/// <summary>
/// Prices a month of the pipeline from measured usage per reading and a dated price list. Pure: the numbers in, the
/// lines out. docs/performance.md says what each line assumes.
/// </summary>
internal static class CostModel
{
    private const double Gb = 1024.0 * 1024 * 1024;
    private const double Kb = 1024;
    private const double ShardIngressBytes = 1024 * 1024;
    private const double ShardIngressRecords = 1000;
    private const double ShardEgressBytes = 2 * 1024 * 1024;
    private const double PutPayloadUnitBytes = 25 * 1024;
    private const double FirehoseRoundingBytes = 5 * 1024;
    private const double HourItemsPerMonth = Workload.HoursPerMonth;
    private const double MinutesPerHour = 60;

    // A KPL aggregated record's own bytes: the magic number and the MD5.
    internal const double KplFramingBytes = 20;

    public const string OnDemand = "pipeline (Kinesis on-demand)";
    public const string Provisioned = "pipeline (Kinesis provisioned)";
    public const string AggregatedOnDemand = "pipeline, KPL aggregation (Kinesis on-demand)";
    public const string AggregatedProvisioned = "pipeline, KPL aggregation (Kinesis provisioned)";
    public const string Baseline = "one DynamoDB write per reading (baseline)";

    /// <summary>How long the simulator gathers due readings into one send, and so into its aggregated records.</summary>
    public static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The pipeline as measured, on on-demand and on provisioned Kinesis; the same with KPL aggregation when the bench
    /// measured its record size; and the per-reading-write baseline.
    /// </summary>
    public static IReadOnlyList<CostEstimate> Estimate(Workload workload, MeasuredUsage usage, PriceList prices)
    {
        var plain = StreamShape.Plain(workload);
        var common = Lambda(workload, usage, prices).Concat(Storage(workload, prices)).Concat(Alerts(workload, prices)).ToList();
        var dynamo = DynamoDb(workload, usage, prices, AggregatorWriteUnitsPerReading(workload, usage));
        var baselineDynamo = DynamoDb(workload, usage, prices, usage.BaselineWriteUnitsPerReading, baseline: true);
        var estimates = new List<CostEstimate>
        {
            new(OnDemand, [.. KinesisOnDemand(workload, plain, prices), .. Firehose(plain, prices), .. common, .. dynamo], workload.ReadingsPerMonth),
            new(Provisioned, [.. KinesisProvisioned(workload, plain, prices), .. Firehose(plain, prices), .. common, .. dynamo], workload.ReadingsPerMonth),
        };
        if (usage.KplBytesPerReading is { } bytesPerReading)
        {
            var aggregated = StreamShape.Aggregated(workload, bytesPerReading);
            estimates.Add(new(AggregatedOnDemand, [.. KinesisOnDemand(workload, aggregated, prices), .. Firehose(aggregated, prices), .. common, .. dynamo], workload.ReadingsPerMonth));
            estimates.Add(new(AggregatedProvisioned, [.. KinesisProvisioned(workload, aggregated, prices), .. Firehose(aggregated, prices), .. common, .. dynamo], workload.ReadingsPerMonth));
        }

        estimates.Add(new(Baseline, [.. KinesisOnDemand(workload, plain, prices), .. Firehose(plain, prices), .. common, .. baselineDynamo], workload.ReadingsPerMonth));
        return estimates;
    }

    /// <summary>
    /// The aggregator writes each minute item a device touched once per flush interval, so its writes follow devices
    /// and intervals, not readings: the bench's units per device per interval, at most two per reading when a device
    /// sends less than once per interval (its minute, and the marker of its hour). The derived hours are priced apart. Without a flush interval (writes
    /// per batch) the bench's figure per reading stands.
    /// </summary>
    public static double AggregatorWriteUnitsPerReading(Workload workload, MeasuredUsage usage)
    {
        if (usage.AggregatorWriteUnitsPerDeviceInterval <= 0)
        {
            return usage.Aggregator.WriteUnitsPerReading;
        }

        var readingsPerDeviceInterval = workload.RatePerDevice * usage.FlushInterval.TotalSeconds;
        var unitsPerWrite = Math.Max(1, usage.Aggregator.WriteUnitsPerRequest);
        return Math.Min(usage.AggregatorWriteUnitsPerDeviceInterval, 2 * unitsPerWrite * readingsPerDeviceInterval) / readingsPerDeviceInterval;
    }

    /// <summary>Shards a provisioned stream needs for readings put one per record.</summary>
    public static int ProvisionedShards(Workload workload) => ProvisionedShards(workload, StreamShape.Plain(workload));

    /// <summary>Shards a provisioned stream needs: ingress bytes and records, and every consumer's share of egress.</summary>
    public static int ProvisionedShards(Workload workload, StreamShape shape)
    {
        var bytesPerSecond = shape.RecordsPerSecond * shape.RecordBytes;
        var shards = Math.Max(
            Math.Max(bytesPerSecond / ShardIngressBytes, shape.RecordsPerSecond / ShardIngressRecords),
            workload.StreamConsumers * bytesPerSecond / ShardEgressBytes);
        return Math.Max(1, (int)Math.Ceiling(shards));
    }

    /// <summary>
    /// Readings per KPL aggregated record: what one send interval brings to a lane (the shards the aggregated bytes
    /// need, each split into lanes when there are fewer shards than calls in flight), at most what fits in one
    /// aggregated record of the simulator's size.
    /// </summary>
    public static double ReadingsPerAggregatedRecord(Workload workload, double bytesPerReading)
    {
        var fit = Math.Max(1, Math.Floor((Producer.Sending.RecordAggregator.DefaultMaxRecordBytes - KplFramingBytes) / bytesPerReading));
        var bytesPerSecond = workload.ReadingsPerSecond * bytesPerReading;
        var shards = Math.Max(1, Math.Ceiling(Math.Max(bytesPerSecond / ShardIngressBytes, workload.StreamConsumers * bytesPerSecond / ShardEgressBytes)));
        var lanesPerShard = Math.Ceiling(Producer.Simulation.SimulatorOptions.DefaultInFlight / shards);
        var perSend = workload.ReadingsPerSecond * SendInterval.TotalSeconds / shards / lanesPerShard;
        return Math.Clamp(Math.Floor(perSend), 1, fit);
    }

    private static IEnumerable<CostLine> KinesisOnDemand(Workload w, StreamShape shape, PriceList prices)
    {
        const string service = "Kinesis";
        var recordsPerMonth = shape.RecordsPerSecond * 3600 * Workload.HoursPerMonth;
        var ingestGb = recordsPerMonth * Math.Ceiling(shape.RecordBytes / Kb) * Kb / Gb;
        var retrieveGb = w.StreamConsumers * recordsPerMonth * shape.RecordBytes / Gb;
        yield return Line(service, "on-demand stream", Workload.HoursPerMonth, "stream-hours", prices["kinesisOnDemandStreamHour"]);
        yield return Line(service, $"data in ({shape.Describe}, each record rounded up to 1 KB)", ingestGb, "GB", prices["kinesisOnDemandIngestGb"]);
        yield return Line(service, $"data out to {w.StreamConsumers} consumers", retrieveGb, "GB", prices["kinesisOnDemandRetrieveGb"]);
    }

    private static IEnumerable<CostLine> KinesisProvisioned(Workload w, StreamShape shape, PriceList prices)
    {
        const string service = "Kinesis";
        var shards = ProvisionedShards(w, shape);
        var putUnits = shape.RecordsPerSecond * 3600 * Workload.HoursPerMonth * Math.Ceiling(shape.RecordBytes / PutPayloadUnitBytes);
        yield return Line(service, $"{shards} provisioned shard(s)", shards * Workload.HoursPerMonth, "shard-hours", prices["kinesisProvisionedShardHour"]);
        yield return Line(service, $"PUT payload units (25 KB, {shape.Describe})", putUnits / 1e6, "million", prices["kinesisProvisionedPutUnitsMillion"]);
    }

    private static IEnumerable<CostLine> Lambda(Workload w, MeasuredUsage usage, PriceList prices)
    {
        const string service = "Lambda";
        foreach (var function in new[] { usage.Aggregator, usage.Alerter })
        {
            var invocations = w.ReadingsPerMonth * function.InvocationsPerReading;
            var gbSeconds = invocations * function.BilledMillisecondsPerInvocation / 1000 * w.MemoryGbByFunction.GetValueOrDefault(function.Name);
            yield return Line(service, $"{function.Name} requests", invocations / 1e6, "million", prices["lambdaArm64RequestsMillion"]);
            yield return Line(service, $"{function.Name} duration (arm64)", gbSeconds, "GB-s", prices["lambdaArm64GbSecond"]);
        }

        // Its duration was not measured (the bench times stream functions); a minute's run of 256 MB is a fraction of a cent.
        var watchdogRuns = Workload.HoursPerMonth * 3600 / w.WatchdogEvery.TotalSeconds;
        yield return Line(service, "watchdog requests", watchdogRuns / 1e6, "million", prices["lambdaArm64RequestsMillion"]);
    }

    private static IEnumerable<CostLine> DynamoDb(Workload w, MeasuredUsage usage, PriceList prices, double rollupWriteUnitsPerReading, bool baseline = false)
    {
        const string service = "DynamoDB";
        var rollupWrites = w.ReadingsPerMonth * rollupWriteUnitsPerReading;
        var alerterWrites = w.ReadingsPerMonth * usage.Alerter.WriteUnitsPerReading;
        var reads = w.ReadingsPerMonth * ((baseline ? 0 : usage.Aggregator.ReadUnitsPerReading) + usage.Alerter.ReadUnitsPerReading);
        yield return Line(service, baseline ? "rollup writes, one per reading" : "rollup writes (aggregator)", rollupWrites / 1e6, "million WRU", prices["dynamoDbWriteUnitsMillion"]);
        yield return Line(service, "alert state writes (alerter)", alerterWrites / 1e6, "million WRU", prices["dynamoDbWriteUnitsMillion"]);
        yield return Line(service, "reads (aggregator and alerter)", reads / 1e6, "million RRU", prices["dynamoDbReadUnitsMillion"]);
        if (!baseline)
        {
            // Each device's hour is derived once it ended (docs/hour-rollups.md): the hour item and the marker's delete
            // are written, the hour's item and its minutes read (strongly consistent, 4 KB a unit). The marker's own
            // write falls in the bench's run and is in the aggregator's figure above.
            var derivations = w.Devices * Workload.HoursPerMonth;
            var unitsPerItem = Math.Max(1, usage.Aggregator.WriteUnitsPerRequest);
            yield return Line(service, "hour derivations: hour write and marker delete", derivations * (unitsPerItem + 1) / 1e6, "million WRU", prices["dynamoDbWriteUnitsMillion"]);
            yield return Line(service, "hour derivations: the hour and its minutes read", derivations * (1 + Math.Ceiling(MinutesPerHour * unitsPerItem / 4)) / 1e6, "million RRU", prices["dynamoDbReadUnitsMillion"]);
        }

        // Minute items live for their TTL, hour items are kept: a month's hours plus the minutes in their TTL. An item's
        // size is at most its write units per write in KB (a unit per KB, rounded up), so this is an upper bound.
        var itemBytes = Math.Max(1, usage.Aggregator.WriteUnitsPerRequest) * Kb;
        var items = w.Devices * ((w.MinuteRetention.TotalMinutes) + HourItemsPerMonth);
        yield return Line(service, "rollup storage (minutes within TTL + a month of hours)", items * itemBytes / Gb, "GB-month", prices["dynamoDbStorageGbMonth"]);
    }

    // Firehose reads the stream's records and rounds each up to 5 KB. With aggregated records this prices the Kinesis
    // record, not the readings Firehose unpacks from it: AWS says the rounding is per record, not which (docs/kpl-aggregation.md).
    private static IEnumerable<CostLine> Firehose(StreamShape shape, PriceList prices)
    {
        var firehoseGb = shape.RecordsPerSecond * 3600 * Workload.HoursPerMonth * Math.Ceiling(shape.RecordBytes / FirehoseRoundingBytes) * FirehoseRoundingBytes / Gb;
        yield return Line("Firehose", $"ingestion ({shape.Describe}, each record rounded up to 5 KB)", firehoseGb, "GB", prices["firehoseIngestGb"]);
    }

    private static IEnumerable<CostLine> Storage(Workload w, PriceList prices)
    {
        var archivedGb = w.ReadingsPerMonth * (w.RecordBytes + 1) * w.ArchiveCompression / Gb;
        var bytesPerInterval = w.ReadingsPerSecond * w.RecordBytes * w.ArchiveBufferingInterval.TotalSeconds;
        var objects = Workload.HoursPerMonth * 3600 / w.ArchiveBufferingInterval.TotalSeconds * Math.Max(1, Math.Ceiling(bytesPerInterval / w.ArchiveBufferingBytes));
        yield return Line("S3", "archive kept for a month (gzip NDJSON)", archivedGb, "GB-month", prices["s3StorageGbMonth"]);
        yield return Line("S3", "archive objects written", objects / 1000, "thousand PUTs", prices["s3PutThousand"]);
    }

    private static IEnumerable<CostLine> Alerts(Workload w, PriceList prices)
    {
        var events = w.Devices * w.AlertsPerDeviceDay * Workload.HoursPerMonth / 24;
        yield return Line("EventBridge", "alert events", events / 1e6, "million", prices["eventBridgeEventsMillion"]);
        yield return Line("SNS", "alert publishes", events / 1e6, "million", prices["snsPublishesMillion"]);
        // A subscriber receives and deletes each message: two requests.
        yield return Line("SQS", "alert queue receives and deletes", 2 * events / 1e6, "million", prices["sqsRequestsMillion"]);
    }

    private static CostLine Line(string service, string item, double quantity, string unit, double unitPrice) =>
        new(service, item, quantity, unit, unitPrice, quantity * unitPrice);
}

/// <summary>How readings travel on the stream: one per record, or many in a KPL aggregated record.</summary>
/// <param name="RecordsPerSecond">Kinesis records put per second.</param>
/// <param name="RecordBytes">Average bytes of one, data and partition key.</param>
/// <param name="ReadingsPerRecord">Readings each carries.</param>
internal sealed record StreamShape(double RecordsPerSecond, double RecordBytes, double ReadingsPerRecord)
{
    public string Describe => ReadingsPerRecord <= 1
        ? "a reading per record"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ReadingsPerRecord:N0} readings per aggregated record");

    public static StreamShape Plain(Workload workload) => new(workload.ReadingsPerSecond, workload.RecordBytes, 1);

    public static StreamShape Aggregated(Workload workload, double bytesPerReading)
    {
        var perRecord = CostModel.ReadingsPerAggregatedRecord(workload, bytesPerReading);
        return new(workload.ReadingsPerSecond / perRecord, (perRecord * bytesPerReading) + CostModel.KplFramingBytes, perRecord);
    }
}
