using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Service;

/// <summary>
/// A consumer behind its local event source mapping; disposing stops the mapping, then stores what a record sink still
/// buffers, then releases the clients.
/// </summary>
public sealed class RunningFunction(EventSourceMappingHost mapping, IAsyncDisposable? sink, params IDisposable[] clients) : IAsyncDisposable
{
    public RunningFunction(EventSourceMappingHost mapping, params IDisposable[] clients)
        : this(mapping, null, clients)
    {
    }

    public EventSourceMappingHost Mapping { get; } = mapping;

    public async ValueTask DisposeAsync()
    {
        await Mapping.DisposeAsync();
        if (sink is not null)
        {
            await sink.DisposeAsync();
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
