using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// A (device, rule) pair as stored: its state, the version its next write is conditioned on (0: never written), and
/// its outbox — events decided but not yet known to be published. The outbox is written with the state that
/// decided them, so a crash between the two cannot lose an event: whoever loads the pair next publishes it.
/// </summary>
public sealed record StoredAlertState(AlertState State, long Version, IReadOnlyList<AlertEvent> Outbox)
{
    public static StoredAlertState None { get; } = new(AlertState.Initial, 0, []);
}
