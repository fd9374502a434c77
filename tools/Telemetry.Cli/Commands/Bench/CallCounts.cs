using Telemetry.Local.Service;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>
/// A function's invocations, billed duration and DynamoDB calls as the function service reports them, the calls split
/// the way DynamoDB bills them: what <c>telemetry cost</c> prices.
/// </summary>
internal sealed record CallCounts(int ServiceProcessId, long Invocations, long BilledMilliseconds, IReadOnlyDictionary<string, long> Calls, IReadOnlyDictionary<string, double> Units)
{
    private static readonly string[] WriteOperations = ["UpdateItem", "PutItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"];
    private static readonly string[] ReadOperations = ["GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"];

    public long Writes => WriteOperations.Sum(o => Calls.GetValueOrDefault(o));

    public long Reads => ReadOperations.Sum(o => Calls.GetValueOrDefault(o));

    /// <summary>Write capacity units consumed: what on-demand tables bill for the writes.</summary>
    public double WriteUnits => WriteOperations.Sum(o => Units.GetValueOrDefault(o));

    /// <summary>Read capacity units consumed.</summary>
    public double ReadUnits => ReadOperations.Sum(o => Units.GetValueOrDefault(o));

    public static CallCounts Read(string dataDirectory, string function)
    {
        var status = FunctionServiceStatus.Load(dataDirectory);
        var consumer = status?.Consumers.FirstOrDefault(c => c.Function == function);
        return new CallCounts(status?.ProcessId ?? 0, consumer?.BatchesInvoked ?? 0, consumer?.BilledMilliseconds ?? 0, consumer?.DynamoDbCalls ?? new Dictionary<string, long>(),
            consumer?.DynamoDbCapacityUnits ?? new Dictionary<string, double>());
    }

    /// <summary>What was called since <paramref name="earlier"/>; a restart of the service in between makes the figure meaningless.</summary>
    public CallCounts Since(CallCounts earlier) =>
        earlier.ServiceProcessId != ServiceProcessId
            ? throw new InvalidOperationException("The function service restarted during the bench; its counters started again, so no write figure can be given.")
            : this with
            {
                Invocations = Invocations - earlier.Invocations,
                BilledMilliseconds = BilledMilliseconds - earlier.BilledMilliseconds,
                Calls = Calls.ToDictionary(c => c.Key, c => c.Value - earlier.Calls.GetValueOrDefault(c.Key)),
                Units = Units.ToDictionary(c => c.Key, c => c.Value - earlier.Units.GetValueOrDefault(c.Key)),
            };
}
