using Telemetry.Contracts.Alerts;

namespace Telemetry.Storage.Alerts;

/// <summary>
/// One episode of the history: what opened it and, once it ended, what closed it. An episode whose closing event
/// was recorded without its opening one (history written after a loss) has only <see cref="Closed"/>.
/// </summary>
public sealed record AlertEpisodeRow(AlertEvent? Opened, AlertEvent? Closed)
{
    /// <summary>Whichever event is known, for the fields both carry.</summary>
    public AlertEvent Any => Opened ?? Closed ?? throw new InvalidOperationException("An episode row holds at least one event.");

    public bool IsOpen => Closed is null;
}
