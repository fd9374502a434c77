using Telemetry.Processing.Batches;

namespace Telemetry.Storage.Rollups;

/// <summary>One stored window as a reconciliation sees it.</summary>
/// <param name="Start">The window's start.</param>
/// <param name="Readings">The readings its statistics count.</param>
/// <param name="Absorbed">The identities of the readings it absorbed.</param>
public sealed record AbsorbedWindow(DateTimeOffset Start, long Readings, AbsorbedReadings Absorbed);
