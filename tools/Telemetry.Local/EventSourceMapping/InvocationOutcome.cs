namespace Telemetry.Local.EventSourceMapping;

/// <summary>What one invocation means for the batch: all done, done up to a record, or failed as a whole.</summary>
internal abstract record InvocationOutcome
{
    public sealed record Success : InvocationOutcome;

    /// <summary>Records before <paramref name="FirstFailedIndex"/> succeeded; the rest are retried.</summary>
    public sealed record PartialFailure(int FirstFailedIndex) : InvocationOutcome;

    public sealed record Failure(string Reason) : InvocationOutcome;
}
