using Telemetry.Contracts;
using Telemetry.Producer.Devices;

namespace Telemetry.Producer.Tests.Devices;

public class ReadingGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_SameSeedAndStart_SameEncodedReadings()
    {
        var first = Generate(Fleet.Generate(9, seed: 42), 500).Select(ReadingCodec.Encode);
        var second = Generate(Fleet.Generate(9, seed: 42), 500).Select(ReadingCodec.Encode);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Next_DifferentSeed_DifferentMetrics()
    {
        var first = Generate(Fleet.Generate(9, seed: 1), 50).Select(r => r.Metrics["temperature"]);
        var second = Generate(Fleet.Generate(9, seed: 2), 50).Select(r => r.Metrics["temperature"]);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Next_PerDevice_SequenceStartsAtOneAndIncreasesByOne()
    {
        var readings = Generate(Fleet.Generate(5, seed: 42), 100);

        foreach (var device in readings.GroupBy(r => r.DeviceId))
        {
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), device.Select(r => r.Sequence));
        }
    }

    [Fact]
    public void Next_PerDevice_TimestampsSpacedByTheRate()
    {
        var readings = Generate(Fleet.Generate(4, seed: 42), 40, ratePerDevice: 2);

        foreach (var device in readings.GroupBy(r => r.DeviceId))
        {
            var gaps = device.Zip(device.Skip(1), (a, b) => b.Timestamp - a.Timestamp).Distinct();
            Assert.Equal([TimeSpan.FromMilliseconds(500)], gaps);
        }
    }

    [Fact]
    public void Next_AcrossFleet_TimestampsNonDecreasingFromStart()
    {
        var readings = Generate(Fleet.Generate(7, seed: 42), 200, ratePerDevice: 3);

        Assert.Equal(Start, readings[0].Timestamp);
        Assert.True(readings.Zip(readings.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
    }

    [Fact]
    public void Next_ColdStorageOverADay_TemperatureMostlyBetweenMinus25AndMinus10()
    {
        var readings = Generate(Fleet.Generate(30, seed: 42), 30 * 24 * 60, ratePerDevice: 1.0 / 60)
            .Where(r => r.DeviceType == DeviceKinds.ColdStorage)
            .ToList();

        var inRange = readings.Count(r => r.Metrics["temperature"] is >= -25 and <= -10);
        Assert.True(inRange >= readings.Count * 0.98, $"{inRange} of {readings.Count} in range");
        Assert.InRange(readings.Average(r => r.Metrics["temperature"]), -20, -15);
        Assert.All(readings, r => Assert.Contains(r.Metrics["door_open"], new[] { 0.0, 1.0 }));
        Assert.All(readings, r => Assert.True(r.Metrics["compressor_amps"] >= 0));
    }

    [Fact]
    public void Next_ThermostatOverADay_PlausibleRoomAndDailyCycle()
    {
        var readings = Generate(Fleet.Generate(30, seed: 42), 30 * 24 * 60, ratePerDevice: 1.0 / 60)
            .Where(r => r.DeviceType == DeviceKinds.Thermostat)
            .ToList();

        Assert.All(readings, r => Assert.InRange(r.Metrics["temperature"], 10, 32));
        Assert.All(readings, r => Assert.InRange(r.Metrics["humidity"], 0, 100));
        var afternoon = readings.Where(r => r.Timestamp.Hour is >= 13 and < 17).Average(r => r.Metrics["temperature"]);
        var night = readings.Where(r => r.Timestamp.Hour is >= 2 and < 5).Average(r => r.Metrics["temperature"]);
        Assert.True(afternoon > night + 1, $"afternoon {afternoon:F2} vs night {night:F2}");
    }

    [Fact]
    public void Next_VibrationOverADay_PositiveVelocityAndAcceleration()
    {
        var readings = Generate(Fleet.Generate(30, seed: 42), 30 * 24 * 60, ratePerDevice: 1.0 / 60)
            .Where(r => r.DeviceType == DeviceKinds.Vibration)
            .ToList();

        Assert.All(readings, r => Assert.InRange(r.Metrics["rms_velocity"], 0.05, 30));
        Assert.All(readings, r => Assert.InRange(r.Metrics["peak_accel"], 0, 5));
        Assert.All(readings, r => Assert.InRange(r.Metrics["temperature"], 20, 60));
    }

    [Fact]
    public void Next_LongRun_SpikesOccurButRarely()
    {
        var rms = Generate(Fleet.Generate(3, seed: 42), 3 * 5000, ratePerDevice: 1)
            .Where(r => r.DeviceType == DeviceKinds.Vibration)
            .Select(r => r.Metrics["rms_velocity"])
            .ToList();

        var median = rms.Order().ElementAt(rms.Count / 2);
        var spikes = rms.Count(v => v > median * 2);
        Assert.InRange(spikes, 1, rms.Count / 50);
    }

    [Fact]
    public void Next_AnyReading_EncodesWellUnderTheRecordLimit()
    {
        var largest = Generate(Fleet.Generate(3, seed: 42), 30).Max(r => ReadingCodec.Encode(r).Length);

        Assert.True(largest < ReadingSchema.MaxRecordBytes / 10, $"{largest} bytes");
    }

    [Fact]
    public void Next_AnyKind_AcceptedByTheContractDecoder()
    {
        var readings = Generate(Fleet.Generate(30, seed: 42), 3000);

        Assert.All(readings, reading =>
        {
            var decoded = ReadingDecoder.Decode(ReadingCodec.Encode(reading), now: reading.Timestamp);
            Assert.True(decoded.IsAccepted, decoded.ToString());
            Assert.Equal(reading.Metrics, decoded.Reading!.Metrics);
        });
    }

    private static List<Reading> Generate(Fleet fleet, int count, double ratePerDevice = 1)
    {
        var generator = new ReadingGenerator(fleet, Start, ratePerDevice);
        return Enumerable.Range(0, count).Select(_ => generator.Next()).ToList();
    }
}
