using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Telemetry.Local.Service;

/// <summary>
/// Counts one function's DynamoDB calls by operation (each call once however often the SDK retried it) and the
/// capacity units DynamoDB says they consumed: it asks every request for its consumed capacity, which changes only
/// what the response carries. <c>telemetry bench</c> divides both by the readings; units are what on-demand tables
/// bill (a write of an item over 1 KB costs more than one). The fault proxy sees every function's calls together.
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

    private void Consumed(string operation, object? response)
    {
        var capacity = response?.GetType().GetProperty(nameof(UpdateItemResponse.ConsumedCapacity))?.GetValue(response);
        var units = capacity switch
        {
            ConsumedCapacity one => one.CapacityUnits ?? 0,
            IEnumerable<ConsumedCapacity> many => many.Sum(c => c.CapacityUnits ?? 0),
            _ => 0,
        };
        if (units > 0)
        {
            _units.AddOrUpdate(operation, units, (_, total) => total + units);
        }
    }

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
                    // The caller awaits the task itself; this only reads the answer once it is there.
                    _ = task.ContinueWith(
                        done => _counter.Consumed(operation, done.GetType().GetProperty(nameof(Task<int>.Result))?.GetValue(done)),
                        CancellationToken.None,
                        TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
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
