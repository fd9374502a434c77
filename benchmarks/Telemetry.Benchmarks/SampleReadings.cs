using Telemetry.Contracts;
using Telemetry.Producer.Devices;

namespace Telemetry.Benchmarks;

/// <summary>Realistic records from the simulator's own generator, so the benchmarks measure what the pipeline sees.</summary>
internal static class SampleReadings
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    public static Reading[] Readings(int count, int devices = 50)
    {
        var generator = new ReadingGenerator(Fleet.Generate(devices, seed: 1), Start, ratePerDevice: 1);
        return Enumerable.Range(0, count).Select(_ => generator.Next()).ToArray();
    }

    public static byte[][] Encoded(int count) => Readings(count).Select(ReadingCodec.Encode).ToArray();
}
