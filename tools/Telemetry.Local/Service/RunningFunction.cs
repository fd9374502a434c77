using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Service;

/// <summary>A function behind its local event source mapping; disposing stops the mapping, then releases its clients.</summary>
public sealed class RunningFunction(EventSourceMappingHost mapping, params IDisposable[] clients) : IAsyncDisposable
{
    public EventSourceMappingHost Mapping { get; } = mapping;

    public async ValueTask DisposeAsync()
    {
        await Mapping.DisposeAsync();
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
