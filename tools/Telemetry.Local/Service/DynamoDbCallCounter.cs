using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;

namespace Telemetry.Local.Service;

/// <summary>
/// Counts one function's DynamoDB calls by operation, as DynamoDB bills them: each call the function made, once
/// however often the SDK retried it. <c>telemetry bench</c> divides the writes by the readings to measure the
/// aggregator's write cost; the fault proxy sees every function's calls together.
/// </summary>
public sealed class DynamoDbCallCounter
{
    private const string AsyncSuffix = "Async";

    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);

    /// <summary>A client that counts every operation it forwards to <paramref name="client"/>.</summary>
    public IAmazonDynamoDB Attach(IAmazonDynamoDB client)
    {
        var proxy = DispatchProxy.Create<IAmazonDynamoDB, CountingProxy>();
        ((CountingProxy)(object)proxy).Bind(client, this);
        return proxy;
    }

    /// <summary>Calls so far by operation name (<c>UpdateItem</c>, <c>Query</c>, …).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_calls, StringComparer.Ordinal);

    private void Count(MethodInfo method)
    {
        // Operations are the methods ending in Async; properties and Dispose are not calls to DynamoDB.
        if (method.Name.EndsWith(AsyncSuffix, StringComparison.Ordinal))
        {
            _calls.AddOrUpdate(method.Name[..^AsyncSuffix.Length], 1, (_, count) => count + 1);
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
            _counter!.Count(targetMethod);
            try
            {
                return targetMethod.Invoke(_target, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
