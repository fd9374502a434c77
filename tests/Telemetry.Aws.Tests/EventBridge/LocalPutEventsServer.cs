using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Telemetry.Aws.Tests.EventBridge;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 and a free port that answers PutEvents from a script and records what came over
/// the wire, so the client is driven end to end: sockets, signing, the JSON on the network.
/// </summary>
internal sealed class LocalPutEventsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _answers;

    private LocalPutEventsServer(WebApplication app, IEnumerable<string> answers)
    {
        _app = app;
        _answers = new ConcurrentQueue<string>(answers);
    }

    public ConcurrentQueue<(string Target, string Authorization, string Body)> Received { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<LocalPutEventsServer> StartAsync(params string[] answers)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = new LocalPutEventsServer(builder.Build(), answers);
        server._app.Run(server.AnswerAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Endpoint = new Uri(address);
        return server;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        Received.Enqueue((context.Request.Headers["X-Amz-Target"].ToString(), context.Request.Headers.Authorization.ToString(), body));
        if (!_answers.TryDequeue(out var answer))
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
