using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Telemetry.Local.Faults;

/// <summary>
/// The fault proxy: one Kestrel listener on 127.0.0.1 per upstream, each forwarding to its emulator through a pooled
/// connection handler, and the control path (<see cref="ControlPath"/>) on every listener.
/// </summary>
public sealed class FaultProxyServer : IAsyncDisposable
{
    /// <summary>Reserved on every port: requests to it never reach an upstream.</summary>
    public const string ControlPath = "/__fault-proxy";

    private readonly List<(FaultProxyHandler Handler, WebApplication App, int Port)> _listeners = [];
    private readonly HttpMessageInvoker _http;

    private FaultProxyServer(FaultControl control)
    {
        Control = control;
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
    }

    public FaultControl Control { get; }

    /// <summary>The port each upstream's listener got (the chosen one when 0 was asked for).</summary>
    public IReadOnlyDictionary<FaultUpstream, int> Ports => _listeners.ToDictionary(l => l.Handler.Upstream, l => l.Port);

    public Uri Endpoint(FaultUpstream upstream) => new($"http://127.0.0.1:{Ports[upstream]}");

    public static async Task<FaultProxyServer> StartAsync(FaultProxyOptions options, FaultControl control, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Upstreams.Count == 0)
        {
            throw new ArgumentException("The fault proxy needs at least one upstream.", nameof(options));
        }

        var server = new FaultProxyServer(control);
        try
        {
            foreach (var (upstream, endpoint) in options.Upstreams.OrderBy(u => u.Key))
            {
                var handler = new FaultProxyHandler(upstream, endpoint.Target, control, server._http, time);
                var (app, port) = await server.ListenAsync(handler, endpoint.Port, cancellationToken);
                server._listeners.Add((handler, app, port));
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public FaultProxyStatus Status()
    {
        var session = Control.Session;
        return new FaultProxyStatus(
            session.Profile.Name,
            session.Profile.Description,
            session.Seed,
            Control.LeaseExpiresAt,
            [.. Control.ProfileNames.Order(StringComparer.Ordinal)],
            _listeners.ToDictionary(
                l => l.Handler.Upstream.Name(),
                l => new UpstreamStatus(l.Port, l.Handler.Target, Control.Counters.Snapshot(l.Handler.Upstream))));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, app, _) in _listeners)
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }

        _listeners.Clear();
        _http.Dispose();
    }

    // One host per upstream: the port alone tells which upstream a request is for, with no lookup per request.
    private async Task<(WebApplication App, int Port)> ListenAsync(FaultProxyHandler handler, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The upstream enforces its own limits (PutRecords 5 MiB, BatchWriteItem 16 MiB); the proxy adds none.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.Run(context => context.Request.Path.StartsWithSegments(ControlPath, StringComparison.Ordinal)
            ? ControlAsync(context)
            : handler.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return (app, new Uri(address).Port);
    }

    private async Task ControlAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsPost(context.Request.Method))
        {
            try
            {
                var command = await JsonSerializer.DeserializeAsync<FaultProxyCommand>(context.Request.Body, FaultProxyJson.Options, cancellationToken)
                    ?? throw new FaultProfileException("The body must be a JSON object such as {\"profile\": \"flaky\", \"seed\": 7, \"leaseSeconds\": 300}.");
                if (string.IsNullOrWhiteSpace(command.Profile))
                {
                    throw new FaultProfileException("The body needs \"profile\": one of " + string.Join(", ", Control.ProfileNames.Order(StringComparer.Ordinal)) + ".");
                }

                Control.Set(command.Profile, command.Seed ?? Control.Session.Seed, command.LeaseSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
            }
            catch (Exception e) when (e is FaultProfileException or JsonException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = e.Message }, FaultProxyJson.Options, cancellationToken);
                return;
            }
        }
        else if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, PUT, POST";
            return;
        }

        await context.Response.WriteAsJsonAsync(Status(), FaultProxyJson.Options, cancellationToken);
    }
}
