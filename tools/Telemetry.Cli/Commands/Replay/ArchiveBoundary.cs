namespace Telemetry.Cli.Commands.Replay;

/// <summary>Where a replay that reads the archive first passes to the stream.</summary>
internal static class ArchiveBoundary
{
    /// <summary>
    /// How far inside the stream's retention the boundary goes when the stream's oldest record is about to be trimmed:
    /// the stream's part is read after the archive's, and must still find its first records by then.
    /// </summary>
    public static readonly TimeSpan TrimMargin = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The stream's oldest record (<paramref name="earliest"/>), or that plus <see cref="TrimMargin"/> when it is within
    /// the margin of the trim horizon (<paramref name="horizon"/>, retention ago); <paramref name="now"/> when the
    /// stream keeps nothing.
    /// </summary>
    public static DateTimeOffset Of(DateTimeOffset? earliest, DateTimeOffset horizon, DateTimeOffset now) =>
        earliest switch
        {
            null => now,
            { } oldest when oldest < horizon + TrimMargin => oldest + TrimMargin < now ? oldest + TrimMargin : now,
            { } oldest => oldest,
        };
}
