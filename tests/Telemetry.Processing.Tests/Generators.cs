using FsCheck;
using FsCheck.Fluent;
using Telemetry.Contracts;

namespace Telemetry.Processing.Tests;

/// <summary>FsCheck generators for readings and metric values.</summary>
internal static class Generators
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 26, 2, 30, 0, TimeSpan.Zero);
    private static readonly string[] Devices = ["dev-a", "dev-b", "dev-c"];
    private static readonly string[] MetricNames = ["temperature", "humidity", "vibration"];

    /// <summary>Values across nine orders of magnitude, so that regrouped float sums really do differ.</summary>
    public static Gen<double> MetricValue { get; } =
        Gen.Choose(-1_000_000, 1_000_000).Zip(Gen.Choose(-4, 4), (mantissa, exponent) => mantissa * Math.Pow(10, exponent));

    /// <summary>A reading of one of three devices, somewhere in three hours, with one to three metrics.</summary>
    public static Gen<Reading> Reading { get; } =
        from device in Gen.Elements(Devices)
        from offsetMs in Gen.Choose(0, (int)TimeSpan.FromHours(3).TotalMilliseconds)
        from names in Gen.SubListOf(MetricNames).Where(n => n.Count > 0)
        from values in Gen.ArrayOf(MetricValue, names.Count)
        select new Reading(
            ReadingSchema.CurrentVersion,
            device,
            "type-of-" + device,
            "site-of-" + device,
            Origin.AddMilliseconds(offsetMs),
            1,
            names.Zip(values).ToDictionary(p => p.First, p => p.Second));

    /// <summary>Readings plus a seed that drives how they are split up and merged back.</summary>
    public static Arbitrary<(Reading[] Readings, int Seed)> ReadingsAndSeed { get; } =
        Gen.ArrayOf(Reading).Zip(Gen.Choose(0, int.MaxValue - 1)).ToArbitrary();

    /// <summary>Three lists of metric values.</summary>
    public static Arbitrary<(double[] A, double[] B, double[] C)> ThreeValueLists { get; } =
        Gen.ArrayOf(MetricValue).Three().ToArbitrary();
}
