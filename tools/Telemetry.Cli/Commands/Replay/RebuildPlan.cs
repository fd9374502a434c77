using System.Globalization;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Storage;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// What <c>--rebuild</c> recomputes and what it must read for that: whole windows of the coarsest resolution (a reading
/// counts in its minute and its hour or in neither), and every record that may hold one of their readings.
/// </summary>
internal sealed record RebuildPlan(RollupRange Windows, DateTimeOffset RequestedFrom, DateTimeOffset? RequestedTo, AggregationOptions Options)
{
    // Shards are read one after another, after the emptying: the horizon moves on meanwhile. An hour covers a
    // rebuild of a large table; one that takes longer is caught after the read (Trimmed).
    private static readonly TimeSpan RetentionMargin = TimeSpan.FromHours(1);

    /// <summary>
    /// How far past this machine's clock the read goes: a reading the aggregator counted before the emptying arrived
    /// before it by the stream's clock, which may run ahead of this one. Reading more is harmless.
    /// </summary>
    public static readonly TimeSpan TipMargin = TimeSpan.FromSeconds(30);

    /// <summary>The windows from <paramref name="from"/>'s window on, to <paramref name="to"/>'s end when given.</summary>
    public static RebuildPlan Align(DateTimeOffset from, DateTimeOffset? to, IReadOnlyCollection<string> devices, AggregationOptions options)
    {
        var coarsest = options.Coarsest;
        var start = coarsest.WindowStart(from);
        DateTimeOffset? end = to is { } t ? UpToWindow(t, coarsest) : null;
        return new RebuildPlan(new RollupRange(start, end, devices, coarsest), from, to, options);
    }

    /// <summary>
    /// Where reading starts: a device's clock may run ahead of the stream's by up to the decoder's tolerance, so a
    /// reading of the first window may have arrived that much before it began.
    /// </summary>
    public DateTimeOffset ReadFrom => Windows.From - ReadingSchema.MaxFutureSkew;

    /// <summary>
    /// Where reading ends: the tip, or sooner when the last window closed for good (the allowed lateness after its
    /// end) before the tip: nothing that arrives later can count in it.
    /// </summary>
    public DateTimeOffset ReadTo(DateTimeOffset tip) =>
        Windows.To is { } end && end + Options.AllowedLateness < tip ? end + Options.AllowedLateness : tip;

    /// <summary>
    /// Null, or why the stream cannot rebuild these windows: it keeps records back to <paramref name="horizon"/>, and
    /// an emptied window whose readings were trimmed would come back short.
    /// </summary>
    public string? Problem(DateTimeOffset horizon)
    {
        if (ReadFrom >= horizon + RetentionMargin)
        {
            return null;
        }

        var earliest = UpToWindow(horizon + RetentionMargin + ReadingSchema.MaxFutureSkew, Options.Coarsest);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"--rebuild from {Windows.From:yyyy-MM-ddTHH:mm:ssZ} needs the records that arrived from {ReadFrom:yyyy-MM-ddTHH:mm:ssZ}, but the stream keeps them only from {horizon:yyyy-MM-ddTHH:mm:ssZ}: the windows would lose the readings before. Rebuild from --from {earliest:yyyy-MM-ddTHH:mm:ssZ} or later.");
    }

    /// <summary>Whether records the rebuild needed may have been trimmed before it read them: the stream keeps only from <paramref name="horizon"/>.</summary>
    public bool Trimmed(DateTimeOffset horizon) => horizon > ReadFrom;

    public string Describe() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"replay: --rebuild recomputes whole {Options.Coarsest.Code()} windows: from {Windows.From:yyyy-MM-ddTHH:mm:ssZ} (--from {RequestedFrom:yyyy-MM-ddTHH:mm:ssZ} aligned down)") +
        (Windows.To is { } end
            ? string.Create(CultureInfo.InvariantCulture, $" to {end:yyyy-MM-ddTHH:mm:ssZ} (--to {RequestedTo:yyyy-MM-ddTHH:mm:ssZ} aligned up)")
            : " on") +
        (Windows.Devices.Count > 0 ? $", devices {string.Join(", ", Windows.Devices.Order(StringComparer.Ordinal))}" : ", every device") +
        $"; allowed lateness {Durations.Format(Options.AllowedLateness)} ({AggregatorSettings.AllowedLatenessVariable}, which must match the aggregator's).";

    // The first window start at or after the instant.
    private static DateTimeOffset UpToWindow(DateTimeOffset at, Resolution resolution) =>
        resolution.WindowStart(at) == at ? at : resolution.WindowStart(at) + resolution.Duration();
}
