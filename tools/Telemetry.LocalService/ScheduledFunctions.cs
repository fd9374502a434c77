namespace Telemetry.LocalService;

// The service's scheduled functions, started together and stopped together.
internal sealed class ScheduledFunctions(IReadOnlyList<ScheduledFunction> functions) : IAsyncDisposable
{
    public int Count => functions.Count;

    public IEnumerable<string> Names => functions.Select(f => f.Name);

    public void Start()
    {
        foreach (var function in functions)
        {
            function.Start();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var function in functions)
        {
            await function.DisposeAsync();
        }
    }
}
