using Telemetry.Processing.Batches;

namespace Telemetry.Storage.Tests.Support;

// Every record of these tests is a valid reading; a reject would mean the test itself is wrong.
internal sealed class NoRejects : IRejectedStore
{
    public Task<IReadOnlyList<RejectedRecord>> StoreAsync(IReadOnlyList<RejectedRecord> rejects, DateTimeOffset now, CancellationToken cancellationToken) =>
        rejects.Count == 0 ? Task.FromResult<IReadOnlyList<RejectedRecord>>([]) : throw new InvalidOperationException($"Rejected: {rejects[0].Message}");
}
