using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Demo;

/// <summary>The aggregator's counters as the running function service reports them; differences give one run's share.</summary>
internal sealed record ConsumerCounters(int ServiceProcessId, long BatchesInvoked, long RecordsDelivered, long SkippedRecords)
{
    public const string Function = "aggregator";

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    public static ConsumerCounters Read(string dataDirectory, LocalStackState state)
    {
        var status = FunctionServiceStatus.Load(dataDirectory);
        var consumer = status?.ProcessId == state.Functions?.ProcessId ? status?.Consumers.FirstOrDefault(c => c.Function == Function) : null;
        return new ConsumerCounters(status?.ProcessId ?? 0, consumer?.BatchesInvoked ?? 0, consumer?.RecordsProcessed ?? 0, consumer?.SkippedRecords ?? 0);
    }

    /// <summary>
    /// The counters as of a status the service wrote after <paramref name="moment"/>: the file is rewritten every
    /// second, so right after catching up it may not count the last batches yet.
    /// </summary>
    public static async Task<ConsumerCounters> ReadAfterAsync(string dataDirectory, LocalStackState state, DateTimeOffset moment, TimeProvider time, CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow() + TimeSpan.FromSeconds(5);
        while (state.FunctionsRunning && time.GetUtcNow() < giveUpAt && !(FunctionServiceStatus.Load(dataDirectory)?.UpdatedAt > moment))
        {
            await Task.Delay(PollEvery, time, cancellationToken);
        }

        return Read(dataDirectory, state);
    }

    /// <summary>What was counted since <paramref name="earlier"/>; everything, if the service restarted in between.</summary>
    public ConsumerCounters Since(ConsumerCounters earlier) =>
        earlier.ServiceProcessId != ServiceProcessId
            ? this
            : this with
            {
                BatchesInvoked = BatchesInvoked - earlier.BatchesInvoked,
                RecordsDelivered = RecordsDelivered - earlier.RecordsDelivered,
                SkippedRecords = SkippedRecords - earlier.SkippedRecords,
            };
}
