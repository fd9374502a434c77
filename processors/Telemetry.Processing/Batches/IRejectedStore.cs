namespace Telemetry.Processing.Batches;

/// <summary>Where records that cannot be aggregated are set aside, with their reason.</summary>
public interface IRejectedStore
{
    /// <summary>
    /// Stores every reject, rejected at <paramref name="now"/>; returns those that could not be stored (empty when
    /// all were). Storing the same record (shard and sequence number) again replaces it rather than adding a copy.
    /// </summary>
    Task<IReadOnlyList<RejectedRecord>> StoreAsync(IReadOnlyList<RejectedRecord> rejects, DateTimeOffset now, CancellationToken cancellationToken);
}
