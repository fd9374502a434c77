using Telemetry.Processing.Batches;

namespace Telemetry.Storage.Rollups;

// A window as read from the table; Version guards the conditional write that replaces it.
internal sealed record StoredRollup(RollupState State, long Version);
