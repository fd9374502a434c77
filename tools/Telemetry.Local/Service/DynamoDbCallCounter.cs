using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Telemetry.Local.Service;

/// <summary>
/// Counts one function's DynamoDB calls by operation (each call once however often the SDK retried it) and the
/// capacity units they consumed: it asks every request for its consumed capacity, which changes only what the
/// response carries, and applies DynamoDB's minimum per call where the emulator reports less (dynalite bills by the
/// bytes returned, so an empty Query reports nothing; DynamoDB bills it a unit, half when eventually consistent, and
/// bills a failed conditional write too). <c>telemetry bench</c> divides both by the readings; units are what
/// on-demand tables bill. The fault proxy sees every function's calls together.
/// </summary>
public sealed class DynamoDbCallCounter
{
    private const string AsyncSuffix = "Async";

    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _units = new(StringComparer.Ordinal);

    /// <summary>A client that counts every operation it forwards to <paramref name="client"/>.</summary>
    public IAmazonDynamoDB Attach(IAmazonDynamoDB client)
    {
        var proxy = DispatchProxy.Create<IAmazonDynamoDB, CountingProxy>();
        ((CountingProxy)(object)proxy).Bind(client, this);
        return proxy;
    }

    /// <summary>Calls so far by operation name (<c>UpdateItem</c>, <c>Query</c>, …).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_calls, StringComparer.Ordinal);

    /// <summary>Capacity units consumed so far by operation name, as the answers reported them.</summary>
    public IReadOnlyDictionary<string, double> CapacityUnits() => new SortedDictionary<string, double>(_units, StringComparer.Ordinal);

    private string? Count(MethodInfo method, object?[]? args)
    {
        // Operations are the methods ending in Async; properties and Dispose are not calls to DynamoDB.
        if (!method.Name.EndsWith(AsyncSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var operation = method.Name[..^AsyncSuffix.Length];
        _calls.AddOrUpdate(operation, 1, (_, count) => count + 1);
        if (args is [AmazonDynamoDBRequest request, ..] && request.GetType().GetProperty(nameof(UpdateItemRequest.ReturnConsumedCapacity)) is { } ask
            && ask.GetValue(request) is null)
        {
            ask.SetValue(request, ReturnConsumedCapacity.TOTAL);
        }

        return operation;
    }

    private void Consumed(string operation, object? request, Task done)
    {
        var units = done.Status switch
        {
            TaskStatus.RanToCompletion => Math.Max(Reported(done.GetType().GetProperty(nameof(Task<int>.Result))?.GetValue(done)), Minimum(request)),
            // A conditional write that failed its condition is billed all the same.
            TaskStatus.Faulted when done.Exception?.InnerException is ConditionalCheckFailedException => Minimum(request),
            _ => 0,
        };
        if (units > 0)
        {
            _units.AddOrUpdate(operation, units, (_, total) => total + units);
        }
    }

    private static double Reported(object? response) =>
        response?.GetType().GetProperty(nameof(UpdateItemResponse.ConsumedCapacity))?.GetValue(response) switch
        {
            ConsumedCapacity one => one.CapacityUnits ?? 0,
            IEnumerable<ConsumedCapacity> many => many.Sum(c => c.CapacityUnits ?? 0),
            _ => 0,
        };

    // DynamoDB's least charge for a call: a unit per write, a unit per strongly consistent read (half when eventually
    // consistent), per key for a batch.
    private static double Minimum(object? request) => request switch
    {
        PutItemRequest or UpdateItemRequest or DeleteItemRequest => 1,
        BatchWriteItemRequest batch => batch.RequestItems?.Sum(t => t.Value.Count) ?? 0,
        GetItemRequest get => get.ConsistentRead == true ? 1 : 0.5,
        QueryRequest query => query.ConsistentRead == true ? 1 : 0.5,
        ScanRequest scan => scan.ConsistentRead == true ? 1 : 0.5,
        BatchGetItemRequest batch => batch.RequestItems?.Sum(t => (t.Value.Keys?.Count ?? 0) * (t.Value.ConsistentRead == true ? 1 : 0.5)) ?? 0,
        _ => 0,
    };

    /// <summary>Forwards every member of the interface; public only because <see cref="DispatchProxy"/> requires it.</summary>
    public class CountingProxy : DispatchProxy
    {
        private IAmazonDynamoDB? _target;
        private DynamoDbCallCounter? _counter;

        internal void Bind(IAmazonDynamoDB target, DynamoDbCallCounter counter) => (_target, _counter) = (target, counter);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            var operation = _counter!.Count(targetMethod, args);
            try
            {
                var result = targetMethod.Invoke(_target, args);
                if (operation is not null && result is Task task)
                {
                    // The caller awaits the task itself; this only reads the outcome once it is there.
                    var request = args is [var first, ..] ? first : null;
                    _ = task.ContinueWith(
                        done => _counter.Consumed(operation, request, done),
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }

                return result;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
