using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Telemetry.Storage.Tests.Support;

// A real client with a hook before each request, to inject failures and races at exact points.
public class InterceptingDynamoDb : DispatchProxy
{
    private static readonly MethodInfo ChainMethod =
        typeof(InterceptingDynamoDb).GetMethod(nameof(ChainAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private IAmazonDynamoDB target = null!;
    private Func<AmazonWebServiceRequest, Task> before = null!;

    public static IAmazonDynamoDB Wrap(IAmazonDynamoDB target, Func<AmazonWebServiceRequest, Task> before)
    {
        var proxy = Create<IAmazonDynamoDB, InterceptingDynamoDb>();
        var self = (InterceptingDynamoDb)(object)proxy;
        self.target = target;
        self.before = before;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (args is [AmazonWebServiceRequest request, ..]
            && targetMethod.ReturnType.IsGenericType
            && targetMethod.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return ChainMethod.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0])
                .Invoke(this, [targetMethod, args, request]);
        }

        return Forward(targetMethod, args);
    }

    private async Task<T> ChainAsync<T>(MethodInfo method, object?[] args, AmazonWebServiceRequest request)
    {
        await before(request);
        return await (Task<T>)Forward(method, args)!;
    }

    private object? Forward(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
