using System.ComponentModel;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Cli.Commands.Alerts;
using Telemetry.Contracts;
using Telemetry.Processing;

namespace Telemetry.Cli.Commands.Dashboard;

/// <summary>
/// Serves the live dashboard on 127.0.0.1: one page that polls five JSON endpoints (docs/dashboard.md). It reads what
/// the CLI reads, so it runs against the local stack or a deployed one alike; it writes nothing but the alert queue
/// of its own that it attaches to the fan-out while it runs, as <c>alerts tail</c> does.
/// </summary>
public sealed class DashboardCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi, StandardError standardError) : AsyncCommand<DashboardCommand.Settings>
{
    public sealed class Settings : TargetSettings
    {
        [CommandOption("--port <PORT>")]
        [Description("Port on 127.0.0.1 (0: any free port, printed). Example: --port 8080")]
        [DefaultValue(4580)]
        public int Port { get; init; } = 4580;

        public override ValidationResult Validate()
        {
            var target = base.Validate();
            return !target.Successful ? target
                : Port is < 0 or > 65535 ? ValidationResult.Error($"--port must be between 0 and 65535 (got {Port}).")
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var target = await PipelineTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        using var data = new DashboardData(target, settings.ResolvedDataDirectory, time);
        // No appsettings or ASPNETCORE_* from wherever it is run: nothing may add a listener beyond 127.0.0.1.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        // Only pages of this machine's own names: a page of another site that rebinds its name to 127.0.0.1 is refused.
        builder.Services.AddHostFiltering(o => o.AllowedHosts = ["127.0.0.1", "localhost"]);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, settings.Port));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals);
        await using var app = builder.Build();
        app.UseHostFiltering();
        var log = standardError.Writer;
        AlertFeedTarget? alerts = null;
        var live = new LiveAlerts(
            async ct =>
            {
                // Looked up once it succeeds: with --stack, each lookup runs pulumi.
                alerts ??= await DashboardAlertFeed.ResolveAsync(settings, target, pulumi, ct);
                return await DashboardAlertFeed.OpenAsync(alerts, time, w => log.WriteLine($"dashboard: {w}"), ct);
            },
            time,
            w => log.WriteLine($"dashboard: {w}"));
        Map(app, data, live);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"Cannot listen on 127.0.0.1:{settings.Port}: {e.Message} Pick another with --port.", e);
        }

        var address = new Uri(app.Urls.First());
        console.MarkupLineInterpolated($"Dashboard of {target.Name} (table {target.TableName}) at [link]{address}[/]; Ctrl+C stops it.");
        // The live alert queue is removed when the dashboard stops; one left by a killed dashboard is removed by the
        // next subscriber to start (docs/alerts-tail.md).
        var following = live.RunAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await following;
        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Ok;
    }

    private static void Map(WebApplication app, DashboardData data, LiveAlerts live)
    {
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/api/fleet", (CancellationToken ct) => Answer(() => data.FleetAsync(ct), ct));
        app.MapGet("/api/alerts", (CancellationToken ct) => Answer(() => data.AlertsAsync(ct), ct));
        app.MapGet("/api/alerts/live", () => Results.Json(live.Snapshot()));
        app.MapGet("/api/health", (CancellationToken ct) => Answer(() => data.HealthAsync(ct), ct));
        app.MapGet("/api/devices/{deviceId}", (string deviceId, string? range, string? resolution, CancellationToken ct) =>
        {
            if (!Durations.TryParse(range ?? "1h", out var span) || span <= TimeSpan.Zero || span > TimeSpan.FromDays(31))
            {
                return Task.FromResult(Results.BadRequest(new { error = $"range must be a duration up to 31d, such as 15m, 1h or 24h (got '{range}')." }));
            }

            if (!ResolutionExtensions.TryParse(resolution ?? "1m", out var windows))
            {
                return Task.FromResult(Results.BadRequest(new { error = $"resolution must be 1m or 1h (got '{resolution}')." }));
            }

            return Answer(() => data.DeviceAsync(deviceId, span, windows, ct), ct);
        });
    }

    // A store that does not answer is the page's to show, not a reason to stop serving it.
    // A timeout inside the SDK is an OperationCanceledException too: only the page going away is not an error.
    private static async Task<IResult> Answer<T>(Func<Task<T>> read, CancellationToken requestAborted)
    {
        try
        {
            return Results.Json(await read());
        }
        catch (Exception e) when (!requestAborted.IsCancellationRequested)
        {
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
