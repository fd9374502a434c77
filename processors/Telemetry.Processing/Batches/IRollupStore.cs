namespace Telemetry.Processing.Batches;

/// <summary>
/// Where a batch's windows are kept. An implementation screens the batch with <see cref="WindowScreen.Screen"/>
/// against what it holds, then folds each window in with <see cref="RollupMerge.Absorb"/>, so that a reading
/// absorbed before is never counted again and no window grows past its <see cref="WindowLimits"/>.
/// </summary>
public interface IRollupStore
{
    /// <summary>Applies every window; says which could not be written and which readings were refused.</summary>
    /// <remarks>
    /// A window reported failed was either not changed at all or changed without its hour being derived after; either
    /// way replaying its readings later is exact, since identity drops what a window holds already.
    /// </remarks>
    Task<RollupApplyResult> ApplyAsync(IReadOnlyList<WindowContributions> windows, CancellationToken cancellationToken);
}

/// <summary>The outcome of applying a batch's windows.</summary>
/// <param name="Failed">Windows not written (transient failure or lost races); their readings must be delivered again.</param>
/// <param name="Refused">Readings no window took because they would cross a limit; they belong in the rejected sink.</param>
public sealed record RollupApplyResult(IReadOnlyList<WindowContributions> Failed, IReadOnlyList<RefusedReading> Refused)
{
    /// <summary>Everything written, nothing refused.</summary>
    public static RollupApplyResult Success { get; } = new([], []);
}
