using System.Globalization;
using System.Runtime.InteropServices;
using Telemetry.Local.Faults;

// Started by hand or (later) by `telemetry local up`; see docs/fault-proxy.md.
FaultProxyArguments parsed;
FaultControl control;
try
{
    parsed = FaultProxyArguments.Parse(args);
    var profiles = FaultProfiles.Load(parsed.ProfilesPath ?? FaultProfiles.DefaultPath);
    control = new FaultControl(profiles, TimeProvider.System, parsed.Profile, parsed.Seed);
}
catch (Exception e) when (e is ArgumentException or FaultProfileException or IOException or InvalidOperationException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(FaultProxyArguments.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

FaultProxyServer server;
try
{
    server = await FaultProxyServer.StartAsync(parsed.Options, control, TimeProvider.System, stop.Token);
}
catch (IOException e)
{
    // Kestrel's "address already in use": a port given explicitly is taken.
    Console.Error.WriteLine(e.Message);
    return 2;
}

await using var running = server;
foreach (var (upstream, port) in server.Ports)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{upstream.Name()}: http://127.0.0.1:{port} -> {parsed.Options.Upstreams[upstream].Target}"));
}

Console.WriteLine($"profile {parsed.Profile}, seed {parsed.Seed}; control: GET/PUT {FaultProxyServer.ControlPath} on any port");
if (parsed.ReadyFile is { } readyFile)
{
    await new FaultProxyReady(Environment.ProcessId, server.Ports.ToDictionary(p => p.Key.Name(), p => p.Value), parsed.Profile, parsed.Seed)
        .WriteAsync(readyFile, stop.Token);
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // SIGTERM or Ctrl+C: stop listening and let calls in flight finish (the server's disposal).
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
