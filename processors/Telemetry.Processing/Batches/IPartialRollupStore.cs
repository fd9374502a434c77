namespace Telemetry.Processing.Batches;

/// <summary>
/// Where the partial rollups of a flush interval are folded into the stored windows with
/// <see cref="PartialCombine.Combine"/>: one conditional write per window, none for a window that holds them already.
/// </summary>
public interface IPartialRollupStore
{
    Task<PartialFlushResult> FlushAsync(IReadOnlyDictionary<WindowKey, RollupState> partials, CancellationToken cancellationToken);
}

/// <summary>The outcome of folding partials into the stored windows.</summary>
/// <param name="Failed">Windows not written (transient failure or lost races); the flush must be done again.</param>
/// <param name="NeedsReadings">Windows whose partial cannot be folded whole; their readings must be applied one by one.</param>
/// <param name="Written">Windows written.</param>
public sealed record PartialFlushResult(IReadOnlyList<WindowKey> Failed, IReadOnlyList<WindowKey> NeedsReadings, int Written);
