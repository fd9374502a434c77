using Telemetry.Cli.Commands.Cost;

namespace Telemetry.Cli.Tests.Cost;

public sealed class CostModelTests
{
    private static readonly PriceList UnitPrices = new("2026-12-02", "us-east-1", PriceList.Required.ToDictionary(key => key, _ => new Price(1, "unit", "https://example.test", "2026-12-02", true)));

    private static Workload Fleet(int devices = 1000, double rate = 1, double recordBytes = 300) => new(
        devices,
        rate,
        recordBytes,
        ArchiveCompression: 0.1,
        StreamConsumers: 3,
        new Dictionary<string, double> { ["aggregator"] = 0.5, ["alerter"] = 0.5 },
        TimeSpan.FromMinutes(1),
        AlertsPerDeviceDay: 1,
        TimeSpan.FromDays(30),
        TimeSpan.FromSeconds(60),
        5 * 1024 * 1024);

    private static MeasuredUsage Usage(double aggregatorWriteUnits = 0.05, double baselineWriteUnits = 1) => new(
        "bench.json",
        DateTimeOffset.UnixEpoch,
        200,
        1,
        TimeSpan.FromSeconds(60),
        new FunctionUsage("aggregator", 0.01, 20, aggregatorWriteUnits, 0.001) { WriteUnitsPerRequest = 1.5 },
        new FunctionUsage("alerter", 0.01, 30, 0.07, 1),
        baselineWriteUnits);

    private static CostLine LineOf(CostEstimate estimate, string item) => estimate.Lines.Single(l => l.Item.StartsWith(item, StringComparison.Ordinal));

    [Fact]
    public void Estimate_SmallRecords_KinesisBillsEachRecordAsOneKilobyteAndFirehoseAsFive()
    {
        var workload = Fleet(recordBytes: 300);

        var onDemand = CostModel.Estimate(workload, Usage(), UnitPrices)[0];

        var gigabytesOfKilobytes = workload.ReadingsPerMonth * 1024 / (1024.0 * 1024 * 1024);
        Assert.Equal(gigabytesOfKilobytes, LineOf(onDemand, "data in").Quantity, 6);
        Assert.Equal(5 * gigabytesOfKilobytes, LineOf(onDemand, "ingestion").Quantity, 6);
        Assert.Equal(3 * workload.ReadingsPerMonth * 300 / (1024.0 * 1024 * 1024), LineOf(onDemand, "data out").Quantity, 6);
    }

    [Fact]
    public void Estimate_WithKplFigures_AggregatedRecordsBillFarLessKinesisAndFirehoseThanOneReadingEach()
    {
        var workload = Fleet(devices: 10_000, recordBytes: 300);
        var usage = Usage() with { KplBytesPerReading = 320 };

        var estimates = CostModel.Estimate(workload, usage, UnitPrices);
        var plain = estimates.Single(e => e.Variant == CostModel.OnDemand);
        var aggregated = estimates.Single(e => e.Variant == CostModel.AggregatedOnDemand);

        // 10,000 readings/s of 320 bytes, read by 3 consumers, need 5 shards; a 200 ms send brings each 400
        // readings, of which a 50 KiB record holds 159.
        Assert.Equal(159, CostModel.ReadingsPerAggregatedRecord(workload, 320));
        var records = workload.ReadingsPerMonth / 159;
        var recordBytes = (159 * 320) + 20;
        Assert.Equal(records * Math.Ceiling(recordBytes / 1024.0) * 1024 / (1024.0 * 1024 * 1024), LineOf(aggregated, "data in").Quantity, 3);
        Assert.True(LineOf(aggregated, "data in").Quantity < LineOf(plain, "data in").Quantity / 2);
        Assert.True(LineOf(aggregated, "ingestion").Quantity < LineOf(plain, "ingestion").Quantity / 10);
        Assert.Equal(plain.ServiceUsd("DynamoDB"), aggregated.ServiceUsd("DynamoDB"));
        Assert.Contains(estimates, e => e.Variant == CostModel.AggregatedProvisioned);
    }

    [Fact]
    public void Estimate_WithoutKplFigures_NoAggregatedVariant()
    {
        var estimates = CostModel.Estimate(Fleet(), Usage(), UnitPrices);

        Assert.DoesNotContain(estimates, e => e.Variant.Contains("KPL", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadingsPerAggregatedRecord_SmallFleet_WhatOneSendBringsAShard()
    {
        // 200 readings/s on one shard, split into 4 lanes for 4 calls in flight: 40 per 200 ms send, 10 a lane.
        Assert.Equal(10, CostModel.ReadingsPerAggregatedRecord(Fleet(devices: 200), 300));
        Assert.Equal(1, CostModel.ReadingsPerAggregatedRecord(Fleet(devices: 2), 300));
    }

    [Theory]
    [InlineData(5000, 300, 5)]     // 5,000 records/s: the 1,000 records/s per shard limit
    [InlineData(1000, 4000, 6)]    // 3.8 MiB/s read by 3 consumers: 11.4 MiB/s over 2 MiB/s per shard
    [InlineData(1, 300, 1)]
    public void ProvisionedShards_ByRecordsOrBytes_TheTighterLimitWins(int readingsPerSecond, double recordBytes, int expected)
    {
        Assert.Equal(expected, CostModel.ProvisionedShards(Fleet(devices: readingsPerSecond, recordBytes: recordBytes)));
    }

    [Fact]
    public void Estimate_Baseline_DiffersOnlyInTheRollupWrites()
    {
        var estimates = CostModel.Estimate(Fleet(), Usage(aggregatorWriteUnits: 0.05, baselineWriteUnits: 1), UnitPrices);
        var pipeline = estimates.Single(e => e.Variant == CostModel.OnDemand);
        var baseline = estimates.Single(e => e.Variant == CostModel.Baseline);

        Assert.Equal(20, LineOf(baseline, "rollup writes").Usd / LineOf(pipeline, "rollup writes").Usd, 6);
        Assert.Equal(pipeline.ServiceUsd("Kinesis"), baseline.ServiceUsd("Kinesis"));
        Assert.Equal(pipeline.ServiceUsd("Lambda"), baseline.ServiceUsd("Lambda"));
        Assert.True(baseline.TotalUsd > pipeline.TotalUsd);
    }

    [Fact]
    public void Estimate_Lambda_GigabyteSecondsAreInvocationsTimesBilledDurationTimesMemory()
    {
        var workload = Fleet();

        var onDemand = CostModel.Estimate(workload, Usage(), UnitPrices)[0];

        Assert.Equal(workload.ReadingsPerMonth * 0.01 * 0.020 * 0.5, LineOf(onDemand, "aggregator duration").Quantity, 3);
        Assert.Equal(onDemand.TotalUsd / (workload.ReadingsPerMonth / 1e6), onDemand.PerMillionReadingsUsd, 9);
    }

    [Theory]
    [InlineData(1.0, 0.05)]     // the bench's own rate: 3 units per device per 60 s interval over 60 readings
    [InlineData(0.1, 0.5)]      // 6 readings per interval share the same 3 writes
    [InlineData(0.01, 2.0)]     // under one reading per interval: each reading writes its minute and its hour
    public void AggregatorWriteUnitsPerReading_OtherRates_ScalesWithDevicesAndIntervalsNotReadings(double rate, double expected)
    {
        var usage = Usage(aggregatorWriteUnits: 0.05) with { AggregatorWriteUnitsPerDeviceInterval = 3 };
        usage = usage with { Aggregator = usage.Aggregator with { WriteUnitsPerRequest = 1 } };

        Assert.Equal(expected, CostModel.AggregatorWriteUnitsPerReading(Fleet(rate: rate), usage), 6);
    }

    [Fact]
    public void AggregatorWriteUnitsPerReading_BenchWrotePerBatch_KeepsItsFigurePerReading()
    {
        Assert.Equal(0.7, CostModel.AggregatorWriteUnitsPerReading(Fleet(rate: 0.1), Usage(aggregatorWriteUnits: 0.7)), 6);
    }
}
