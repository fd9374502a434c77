namespace Telemetry.Cli.Commands.Redrive;

/// <summary>One entry of an on-failure destination: its invocation record, or why it could not be read.</summary>
/// <param name="Origin">Where it is, for messages: a file and line, or a queue message id.</param>
/// <param name="Text">The line or message body as found.</param>
public sealed record PendingInvocation(string Origin, string Text, InvocationRecord? Record, string? Error);

/// <summary>An on-failure destination: the local stack's JSON-lines file or a function's SQS queue.</summary>
public interface IOnFailureSource : IAsyncDisposable
{
    /// <summary>Says where the records come from, for messages.</summary>
    string Name { get; }

    /// <summary>Every entry, each once.</summary>
    IAsyncEnumerable<PendingInvocation> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Takes <paramref name="invocation"/> out of the destination: its range was processed.</summary>
    Task MarkRedrivenAsync(PendingInvocation invocation, CancellationToken cancellationToken);

    /// <summary>Finishes: what was not marked stays in the destination, for the next run.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
