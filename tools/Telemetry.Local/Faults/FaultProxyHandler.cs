using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Telemetry.Local.Faults;

/// <summary>
/// The proxy's work for one upstream, per request: decide the faults, then answer, forward, cut or rewrite. Calls
/// the profile does not touch are streamed through without being buffered.
/// </summary>
internal sealed class FaultProxyHandler(FaultUpstream upstream, Uri target, FaultControl control, HttpMessageInvoker http, TimeProvider time)
{
    public const string TargetHeader = "X-Amz-Target";

    // DynamoDB names its errors with the namespace of its API; Kinesis sends the bare code.
    private const string DynamoDbErrorPrefix = "com.amazonaws.dynamodb.v20120810#";

    private long _injected;

    public FaultUpstream Upstream => upstream;

    public Uri Target => target;

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var operation = Operation(context.Request.Headers[TargetHeader].ToString());
        var session = control.Session;
        var counters = control.Counters;
        counters.Called(upstream, operation);
        if (!session.Profile.For(upstream).AppliesTo(operation))
        {
            await ForwardAsync(context, null, cancellationToken);
            return;
        }

        byte[]? body = null;
        var entries = 0;
        if (session.FailsEntries(upstream, operation) && (context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            // A CBOR body (the Java SDK's default) cannot be split: its entries are left alone.
            body = await ReadBodyAsync(context.Request, cancellationToken);
            entries = PutRecordsRewrite.CountEntries(body) ?? 0;
        }

        var plan = session.Decide(upstream, operation, entries);
        if (plan.Latency > TimeSpan.Zero)
        {
            counters.Add(upstream, FaultKind.Delayed);
            await Task.Delay(plan.Latency, time, cancellationToken);
        }

        switch (plan.Call)
        {
            case CallFault.Throttle:
                counters.Add(upstream, FaultKind.Throttled);
                await WriteErrorAsync(context, plan.Error!, cancellationToken);
                return;
            case CallFault.ServerError:
                counters.Add(upstream, FaultKind.ServerError);
                await WriteErrorAsync(context, plan.Error!, cancellationToken);
                return;
            case CallFault.Reset:
                counters.Add(upstream, FaultKind.Reset);
                context.Abort();
                return;
        }

        if (plan.FailedEntries.Count > 0 && body is not null)
        {
            await FailEntriesAsync(context, body, entries, plan, cancellationToken);
        }
        else if (plan.DropResponse)
        {
            using var request = HttpForwarding.CreateRequest(context, target, body);
            using var response = await SendAsync(context, request, cancellationToken);
            if (response is not null)
            {
                // The whole answer is read first: the upstream has then certainly applied the call.
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                counters.Add(upstream, FaultKind.DroppedResponse);
                context.Abort();
            }
        }
        else
        {
            await ForwardAsync(context, body, cancellationToken);
        }
    }

    private async Task ForwardAsync(HttpContext context, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = HttpForwarding.CreateRequest(context, target, body);
        using var response = await SendAsync(context, request, cancellationToken);
        if (response is not null)
        {
            HttpForwarding.CopyResponseHead(context, response, rewritten: false);
            await response.Content.CopyToAsync(context.Response.Body, cancellationToken);
        }
    }

    private async Task FailEntriesAsync(HttpContext context, byte[] body, int entries, FaultPlan plan, CancellationToken cancellationToken)
    {
        if (plan.FailedEntries.Count == entries)
        {
            // Nothing left to forward; Kinesis answers such a call 200 with every entry failed.
            control.Counters.Add(upstream, FaultKind.FailedEntry, entries);
            await WriteJsonAsync(context, 200, PutRecordsRewrite.Merge(ReadOnlyMemory<byte>.Empty, entries, plan.FailedEntries)!, cancellationToken);
            return;
        }

        using var request = HttpForwarding.CreateRequest(context, target, PutRecordsRewrite.WithoutEntries(body, plan.FailedEntries));
        using var response = await SendAsync(context, request, cancellationToken);
        if (response is null)
        {
            return;
        }

        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (plan.DropResponse)
        {
            control.Counters.Add(upstream, FaultKind.DroppedResponse);
            context.Abort();
            return;
        }

        // An error answer (say, no such stream) is the whole call's: it is passed on as it is.
        var merged = response.IsSuccessStatusCode ? PutRecordsRewrite.Merge(answer, entries, plan.FailedEntries) : null;
        if (merged is not null)
        {
            control.Counters.Add(upstream, FaultKind.FailedEntry, plan.FailedEntries.Count);
        }

        HttpForwarding.CopyResponseHead(context, response, rewritten: merged is not null);
        var output = merged ?? answer;
        context.Response.ContentLength = output.Length;
        await context.Response.Body.WriteAsync(output, cancellationToken);
    }

    /// <returns>Null when the upstream could not be reached; the client then has a 502 answer.</returns>
    private async Task<HttpResponseMessage?> SendAsync(HttpContext context, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (!context.Response.HasStarted)
        {
            var message = $"The fault proxy could not reach the {upstream.Name()} upstream at {target}: {e.Message}";
            await WriteJsonAsync(context, 502, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["__type"] = "BadGateway", ["message"] = message }), cancellationToken);
            return null;
        }
    }

    private Task WriteErrorAsync(HttpContext context, InjectedError error, CancellationToken cancellationToken)
    {
        var type = upstream == FaultUpstream.DynamoDb ? DynamoDbErrorPrefix + error.Code : error.Code;
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["__type"] = type, ["message"] = error.Message });
        return WriteJsonAsync(context, error.StatusCode, body, cancellationToken);
    }

    private async Task WriteJsonAsync(HttpContext context, int status, byte[] body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = upstream == FaultUpstream.Kinesis ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
        context.Response.Headers["x-amzn-RequestId"] = "fault-proxy-" + Interlocked.Increment(ref _injected).ToString(CultureInfo.InvariantCulture);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, cancellationToken);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and < int.MaxValue ? (int)length : 4096);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    // "Kinesis_20131202.PutRecords" -> "PutRecords"; null for a call that is not an AWS JSON call.
    internal static string? Operation(string target)
    {
        var dot = target.LastIndexOf('.');
        return dot >= 0 && dot < target.Length - 1 ? target[(dot + 1)..].Trim() : null;
    }
}
