using System.Runtime.CompilerServices;

namespace Telemetry.Cli.Commands.Redrive;

/// <summary>The local stack's on-failure file; re-driven lines are moved out together when the run completes.</summary>
public sealed class FileOnFailureSource(string path) : IOnFailureSource
{
    private readonly List<string> redriven = [];

    public string Name => path;

    public async IAsyncEnumerable<PendingInvocation> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var line in OnFailureFile.Read(path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new PendingInvocation($"{path}:{line.Number}", line.Text, line.Record, line.Error);
        }
    }

    public Task MarkRedrivenAsync(PendingInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        redriven.Add(invocation.Text);
        return Task.CompletedTask;
    }

    public Task CompleteAsync(CancellationToken cancellationToken)
    {
        OnFailureFile.MarkRedriven(path, redriven);
        redriven.Clear();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
