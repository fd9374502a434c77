namespace Telemetry.Processing.Batches;

/// <summary>
/// Where a batch's windows are kept. An implementation folds each window in with <see cref="RollupMerge.Absorb"/>
/// against what it holds, so that a reading absorbed before is never counted again.
/// </summary>
public interface IRollupStore
{
    /// <summary>Applies every window; returns the windows that could not be written (empty when all were).</summary>
    /// <remarks>A window returned was not changed at all, so replaying its readings later is exact.</remarks>
    Task<IReadOnlyList<WindowContributions>> ApplyAsync(IReadOnlyList<WindowContributions> windows, CancellationToken cancellationToken);
}
