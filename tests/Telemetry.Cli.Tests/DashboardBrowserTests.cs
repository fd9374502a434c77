using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Spectre.Console.Testing;
using Amazon.SQS.Model;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Tests;

/// <summary>
/// The dashboard in a real browser: headless Chromium (Debian's, installed by tools/local/install-chromium.sh when
/// missing) through Playwright, against a local stack of its own. The screenshot is kept in artifacts/.
/// </summary>
public sealed partial class DashboardBrowserTests
{
    private static readonly string[] Devices = ["dash-a", "dash-b"];
    private const string Hot = "dash-hot";
    private const string Gapped = "dash-b";

    [Fact]
    public async Task Dashboard_LocalStackWithAnOverheatingThermostat_ShowsTheFleetAChartTheAlertAndItsLiveClearingWithoutConsoleErrors()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-dashboard-").FullName;
        using var stop = new CancellationTokenSource();
        Task<int>? dashboard = null;
        LocalStackState? state = null;
        try
        {
            state = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = data, ShardCount = 1, FlushInterval = TimeSpan.FromSeconds(1) }.WithFreePorts());
            await PutAndWaitAsync(state, data);

            var console = new TestConsole().Width(250);
            dashboard = TelemetryApp.Create(console, new PulumiProcess()).RunAsync(["dashboard", "--port", "0", "--data-dir", data], stop.Token);
            var url = await Poll.UntilAsync(
                () => Task.FromResult(AddressPattern().Match(console.Output)),
                match => match.Success || dashboard.IsCompleted,
                TimeSpan.FromSeconds(30),
                "the dashboard to print its address");
            Assert.True(url.Success, console.Output);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = await ChromiumAsync(), Headless = true });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
            var problems = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
            page.PageError += (_, error) => problems.Add($"page: {error}");
            page.RequestFailed += (_, request) => problems.Add($"request: {request.Url} {request.Failure}");

            await page.GotoAsync(url.Groups["url"].Value);
            var wait = new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 200 };
            await page.WaitForFunctionAsync("n => document.querySelectorAll('#fleet tbody tr[data-device]').length >= n", Devices.Length + 1, wait);
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('svg.chart')].some(s => Number(s.dataset.points) > 0 && s.querySelector('polyline.p95'))", null, wait);
            await page.WaitForFunctionAsync("d => document.querySelector(`#alerts-open li[data-device='${d}']`) !== null", Hot, wait);
            var fleet = await page.EvalOnSelectorAllAsync<string[]>("#fleet tbody tr[data-device]", "rows => rows.map(r => r.dataset.device)");
            var hotState = await page.TextContentAsync($"#fleet tbody tr[data-device='{Hot}'] td.state");

            // Picked from the fleet, the gapped thermostat's chart draws its two runs apart, not one line across the gap.
            await page.ClickAsync($"#fleet tbody tr[data-device='{Gapped}']");
            await page.WaitForFunctionAsync(
                "d => document.querySelector('#device-name').textContent === d && document.querySelector(\"svg.chart[data-metric='temperature']\")?.dataset.runs === '2'", Gapped, wait);

            // The live list: once the dashboard's own queue is attached, the hot thermostat cools down and the
            // clearing arrives through the fan-out while the page is open.
            await page.WaitForFunctionAsync("() => document.querySelector('#alerts-live-state')?.dataset.state === 'following'", null, wait);
            await CoolDownAndWaitAsync(state, data);
            await page.WaitForFunctionAsync(
                "d => document.querySelector(`#alerts-live li[data-device='${d}'][data-type='AlertCleared']`) !== null", Hot, new() { Timeout = 60_000, PollingInterval = 200 });
            var liveText = await page.TextContentAsync($"#alerts-live li[data-device='{Hot}'][data-type='AlertCleared']");

            // The functions' own counters, as their metric lines add up: 30 readings, then the 3 that cooled it.
            await page.WaitForFunctionAsync(
                "() => { const t = document.querySelector('#function-metrics'); if (!t) return false; const col = [...t.tHead.rows[0].cells].findIndex(c => c.textContent === 'aggregator'); const row = t.querySelector(\"tr[data-counter='readings accepted']\"); return col > 0 && row?.cells[col].textContent === '33'; }",
                null,
                wait);
            var artifacts = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "artifacts")).FullName;
            await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "dashboard.png"), FullPage = true });

            Assert.Equal([.. Devices, Hot], fleet.Order(StringComparer.Ordinal));
            Assert.StartsWith("ALERT: ", hotState, StringComparison.Ordinal);
            Assert.Contains("thermostat-overheat (warning)", hotState, StringComparison.Ordinal);
            Assert.Contains("CLEARED dash-hot — thermostat-overheat: temperature back to 22", liveText, StringComparison.Ordinal);
            Assert.True(problems.Count == 0, string.Join("\n", problems));

            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Ok, await dashboard);
            using var sqs = LocalAws.Sqs(state.Endpoint(EmulatorKind.Moto));
            var left = await sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = $"{AlertsConfig.Read().QueueName}-sub-dashboard" });
            Assert.Empty(left.QueueUrls ?? []);
        }
        finally
        {
            await stop.CancelAsync();
            if (dashboard is { IsCompleted: false })
            {
                await dashboard;
            }

            await LocalStack.ResetAsync(data);
        }
    }

    // Two quiet thermostats, and one at 30 °C for 40 s of device time: past the overheat rule's 30 s, so its alert
    // is raised and stays open (no reading brings it back down).
    private static async Task PutAndWaitAsync(LocalStackState state, string data)
    {
        using var kinesis = LocalClients.Kinesis(state.EmulatorEndpoint(EmulatorKind.Kinesis));
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);

        // The gapped thermostat's second half comes three minutes after its first: its chart has two runs of windows.
        var gapped = DateTimeOffset.UtcNow.AddMinutes(-7);
        var entries = Devices
            .SelectMany(device => Enumerable.Range(1, 12).Select(seq =>
                Entry(device, device == Gapped ? gapped.AddSeconds((10 * seq) + (seq > 6 ? 180 : 0)) : at.AddSeconds(10 * seq), seq, 20 + (seq % 3))))
            .Concat(Enumerable.Range(1, 6).Select(seq => Entry(Hot, at.AddSeconds(10 * seq), seq, 30)))
            .ToList();
        var result = await kinesis.PutRecordsAsync(state.StreamName, entries);
        Assert.Equal(0, result.FailedRecordCount);
        var last = result.Entries.GroupBy(e => e.ShardId!).ToDictionary(g => g.Key, g => g.MaxBy(e => SequenceNumber.Parse(e.SequenceNumber!))!.SequenceNumber!);
        await LocalConsumer.WaitUntilCaughtUpAsync("aggregator", state, data, last, TimeSpan.FromMinutes(1), TimeProvider.System);
        await LocalConsumer.WaitUntilCaughtUpAsync("alerter", state, data, last, TimeSpan.FromMinutes(1), TimeProvider.System);
    }

    // Three readings at 22 °C after the hot ones: below the rule's 26 °C clear level, so the open alert clears.
    private static async Task CoolDownAndWaitAsync(LocalStackState state, string data)
    {
        using var kinesis = LocalClients.Kinesis(state.EmulatorEndpoint(EmulatorKind.Kinesis));
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var result = await kinesis.PutRecordsAsync(state.StreamName, [.. Enumerable.Range(7, 3).Select(seq => Entry(Hot, at.AddSeconds(seq - 7), seq, 22))]);
        Assert.Equal(0, result.FailedRecordCount);
        var last = result.Entries.GroupBy(e => e.ShardId!).ToDictionary(g => g.Key, g => g.MaxBy(e => SequenceNumber.Parse(e.SequenceNumber!))!.SequenceNumber!);
        await LocalConsumer.WaitUntilCaughtUpAsync("alerter", state, data, last, TimeSpan.FromMinutes(1), TimeProvider.System);
    }

    private static PutRecordsEntry Entry(string device, DateTimeOffset at, long sequence, double temperature) =>
        new(ReadingCodec.Encode(new Reading(2, device, "thermostat", "lab", at, sequence, new Dictionary<string, double> { ["temperature"] = temperature }, 1)), device);

    // TELEMETRY_CHROMIUM, else chromium on the PATH, installed (Debian's) by the project's script on first use.
    private static async Task<string> ChromiumAsync()
    {
        if (Environment.GetEnvironmentVariable("TELEMETRY_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }

        if (OnPath("chromium") is { } found)
        {
            return found;
        }

        using var install = Process.Start(new ProcessStartInfo("sh", [Path.Combine(RepositoryRoot(), "tools", "local", "install-chromium.sh")]) { RedirectStandardError = true })!;
        var error = install.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await install.WaitForExitAsync(deadline.Token);
        return install.ExitCode == 0 && OnPath("chromium") is { } installed
            ? installed
            : throw new InvalidOperationException($"Chromium could not be installed (exit {install.ExitCode}): {await error}");
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Telemetry.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Telemetry.sln not found above the test assembly.");
    }

    [GeneratedRegex(@"at (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex AddressPattern();
}
