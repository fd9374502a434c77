using Telemetry.Local.Service;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>A function's DynamoDB calls as the function service reports them, split the way DynamoDB bills them.</summary>
internal sealed record CallCounts(int ServiceProcessId, IReadOnlyDictionary<string, long> Calls)
{
    private static readonly string[] WriteOperations = ["UpdateItem", "PutItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"];
    private static readonly string[] ReadOperations = ["GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"];

    public long Writes => WriteOperations.Sum(o => Calls.GetValueOrDefault(o));

    public long Reads => ReadOperations.Sum(o => Calls.GetValueOrDefault(o));

    public static CallCounts Read(string dataDirectory, string function)
    {
        var status = FunctionServiceStatus.Load(dataDirectory);
        var consumer = status?.Consumers.FirstOrDefault(c => c.Function == function);
        return new CallCounts(status?.ProcessId ?? 0, consumer?.DynamoDbCalls ?? new Dictionary<string, long>());
    }

    /// <summary>What was called since <paramref name="earlier"/>; a restart of the service in between makes the figure meaningless.</summary>
    public CallCounts Since(CallCounts earlier) =>
        earlier.ServiceProcessId != ServiceProcessId
            ? throw new InvalidOperationException("The function service restarted during the bench; its counters started again, so no write figure can be given.")
            : this with { Calls = Calls.ToDictionary(c => c.Key, c => c.Value - earlier.Calls.GetValueOrDefault(c.Key)) };
}
