using Telemetry.Contracts.Alerts;

namespace Telemetry.Cli.Commands.Alerts;

/// <summary>Alert events as they arrive, each transition once; disposing detaches from the fan-out.</summary>
public interface IAlertEvents : IAsyncDisposable
{
    /// <summary>What the events come from, for messages.</summary>
    string Source { get; }

    /// <summary>The queue they arrive through.</summary>
    string QueueName { get; }

    /// <summary>The events that arrived within <paramref name="wait"/>; none when it passes quietly.</summary>
    Task<IReadOnlyList<AlertEvent>> NextAsync(TimeSpan wait, CancellationToken cancellationToken);
}
