using System.Globalization;
using Telemetry.Contracts;

namespace Telemetry.Producer.Faults;

/// <summary>
/// The faults a run injects, each a fraction in [0, 1] decided per reading (per device for bursts) by a generator
/// seeded from the run's seed, so that the same seed makes the same decisions. All zero: a clean run.
/// </summary>
public sealed record FaultOptions
{
    /// <summary>The aggregator's default allowed lateness (TELEMETRY_ALLOWED_LATENESS unset).</summary>
    public static readonly TimeSpan DefaultAllowedLateness = TimeSpan.FromHours(24);

    public static readonly TimeSpan DefaultBurstEvery = TimeSpan.FromSeconds(10);

    public static FaultOptions None { get; } = new();

    /// <summary>Readings put a second time, byte-identical, in a later call (what a producer retry writes).</summary>
    public double Duplicates { get; init; }

    /// <summary>Readings held back and sent after later readings of the same device.</summary>
    public double OutOfOrder { get; init; }

    /// <summary>Readings stamped in the past but inside <see cref="AllowedLateness"/>: they must still count.</summary>
    public double Late { get; init; }

    /// <summary>Readings stamped beyond <see cref="AllowedLateness"/>: they must be rejected as too late.</summary>
    public double TooLate { get; init; }

    /// <summary>Extra records, one per this fraction of readings, that every decoder must reject (see <see cref="PoisonRecords"/>).</summary>
    public double Poison { get; init; }

    /// <summary>Devices that buffer their readings and flush them every <see cref="BurstEvery"/>.</summary>
    public double Bursts { get; init; }

    public TimeSpan BurstEvery { get; init; } = DefaultBurstEvery;

    /// <summary>The aggregator's allowed lateness, which late and too-late stamps keep clear of by a margin.</summary>
    public TimeSpan AllowedLateness { get; init; } = DefaultAllowedLateness;

    /// <summary>Whether any fault is asked for.</summary>
    public bool Any => Duplicates > 0 || OutOfOrder > 0 || Late > 0 || TooLate > 0 || Poison > 0 || Bursts > 0;

    /// <summary>Problems, as messages naming the flag; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Rate("--duplicates", Duplicates);
        Rate("--out-of-order", OutOfOrder);
        Rate("--late", Late);
        Rate("--too-late", TooLate);
        Rate("--poison", Poison);
        Rate("--bursts", Bursts);
        // One stamp per reading: a reading cannot be both late and too late.
        if (double.IsFinite(Late) && double.IsFinite(TooLate) && Late + TooLate > 1)
        {
            errors.Add($"--late plus --too-late must not exceed 1 (got {Show(Late + TooLate)}): a reading gets one stamp.");
        }

        if (AllowedLateness <= TimeSpan.Zero)
        {
            errors.Add($"--lateness must be positive (got {Durations.Format(AllowedLateness)}).");
        }

        if (BurstEvery <= TimeSpan.Zero)
        {
            errors.Add($"--burst-every must be positive (got {Durations.Format(BurstEvery)}).");
        }

        return errors;

        void Rate(string flag, double value)
        {
            // NaN fails every comparison, so it is named on its own.
            if (double.IsNaN(value) || value < 0 || value > 1)
            {
                errors.Add($"{flag} must be a fraction between 0 and 1, for example {flag} 0.05 (got {Show(value)}).");
            }
        }
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
