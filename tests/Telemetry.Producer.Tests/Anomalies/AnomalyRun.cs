using Telemetry.Contracts;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Devices;

namespace Telemetry.Producer.Tests.Anomalies;

/// <summary>A fleet's readings over a whole schedule in virtual time (the generator is pure), with a plan of anomalies.</summary>
internal sealed record AnomalyRun(Fleet Fleet, AnomalyPlan Plan, DateTimeOffset Start, IReadOnlyList<Reading> Readings, long Slots)
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static AnomalyRun Generate(AnomalyOptions anomalies, int devices, int seed, TimeSpan duration, double rate = 1, DateTimeOffset? start = null)
    {
        var fleet = Fleet.Generate(devices, seed);
        var slots = (long)Math.Floor(duration.TotalSeconds * devices * rate);
        if (!AnomalyPlanner.TryPlan(anomalies with { Rules = ShippedRules.Set }, fleet, rate, slots, seed, out var plan, out var problems))
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        var generator = new ReadingGenerator(fleet, start ?? DefaultStart, rate, plan);
        var readings = new List<Reading>();
        while (generator.Slot < slots)
        {
            readings.Add(generator.Next());
        }

        return new AnomalyRun(fleet, plan, generator.Start, readings, slots);
    }

    public IEnumerable<Reading> Of(string deviceId) => Readings.Where(r => r.DeviceId == deviceId);
}
