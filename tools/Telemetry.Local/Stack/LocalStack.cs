using Telemetry.Local.Emulators;
using Telemetry.Local.Faults;
using Telemetry.Local.Service;

namespace Telemetry.Local.Stack;

/// <summary><c>telemetry local up|down|status|reset</c>: the emulators, the pipeline's resources and the function service.</summary>
public static class LocalStack
{
    /// <summary>
    /// Starts what is not running and creates missing resources; running it twice changes nothing. What runs is left
    /// alone, and what stopped is restarted on the port it had, so endpoints never move under a running client.
    /// </summary>
    public static async Task<LocalStackState> UpAsync(LocalStackOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await EmulatorInstaller.EnsureInstalledAsync(log, cancellationToken);
        Directory.CreateDirectory(options.DataDirectory);

        // Two `up` at once (two terminals, a demo beside an up) would race for the same ports; the second waits.
        await using var exclusive = await FileLock.AcquireAsync(Path.Combine(options.DataDirectory, "up.lock"), options.StartTimeout * 2, cancellationToken);
        var recorded = LocalStackState.Load(options.DataDirectory);

        var processes = await EnsureEmulatorsAsync(options, recorded, log, cancellationToken);
        var state = Save(options, processes, recorded);
        state = await EnsureFaultProxyAsync(options, state, recorded, log, cancellationToken);
        await new LocalResources(state).EnsureCreatedAsync(options.ShardCount, log, cancellationToken);
        var alerts = await new LocalAlerts(state.EmulatorEndpoint(EmulatorKind.Moto), state.Alerts?.BusName ?? options.BusName, AlertsConfig.Read(options.PipelineConfigPath))
            .EnsureCreatedAsync(cancellationToken);
        if (state.Alerts != alerts)
        {
            log?.Invoke($"Alert fan-out on moto: bus '{alerts.BusName}' → rule '{alerts.RuleName}' → queue {alerts.QueueUrl} (topic {alerts.TopicArn} feeds it too).");
            state = state with { Alerts = alerts };
            state.Save(options.DataDirectory);
        }

        if (!options.StartFunctions || state.FunctionsRunning)
        {
            return state;
        }

        var functions = await FunctionServiceProcess.StartAsync(options.DataDirectory, options.StartTimeout, cancellationToken);
        log?.Invoke($"Started the local function service, PID {functions.ProcessId} (log: {functions.LogPath}).");
        state = state with { Functions = functions };
        state.Save(options.DataDirectory);
        return state;
    }

    // The emulators that are not running start side by side (moto alone takes a second or two to import), each on the port
    // it had, so that clients holding its endpoint reach it again.
    private static async Task<List<EmulatorProcess>> EnsureEmulatorsAsync(
        LocalStackOptions options, LocalStackState? recorded, Action<string>? log, CancellationToken cancellationToken)
    {
        var processes = new List<EmulatorProcess>();
        var starting = new List<Task<EmulatorProcess>>();
        foreach (var kind in Enum.GetValues<EmulatorKind>())
        {
            var previous = recorded?.Processes.FirstOrDefault(p => p.Kind == kind);
            if (previous is not null && previous.IsRunning())
            {
                processes.Add(previous);
                continue;
            }

            starting.Add(LocalEmulators.StartOneAsync(kind, previous?.Port ?? options.PortOf(kind), options.DataDirectory, cancellationToken, log));
        }

        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result))
            {
                processes.Add(started);
                log?.Invoke($"Started {started.Kind} emulator on {started.Endpoint} (log: {started.LogPath}).");
            }

            // Recorded even when another failed to start, so that nothing runs that `down` cannot find.
            Save(options, processes, recorded);
        }

        return processes;
    }

    // The proxy forwards to the emulators' ports, which never move, so a running one is kept as it is; a dead one comes
    // back on the ports it had, so that clients holding its endpoints reach it again. It starts with no faults.
    private static async Task<LocalStackState> EnsureFaultProxyAsync(
        LocalStackOptions options, LocalStackState state, LocalStackState? recorded, Action<string>? log, CancellationToken cancellationToken)
    {
        if (recorded?.FaultProxy is { } running && running.IsRunning())
        {
            return state;
        }

        var previous = recorded?.FaultProxy?.Ports;
        var upstreams = new Dictionary<FaultUpstream, UpstreamEndpoint>
        {
            [FaultUpstream.Kinesis] = new(state.EmulatorEndpoint(EmulatorKind.Kinesis), previous?.GetValueOrDefault(FaultUpstream.Kinesis) ?? options.KinesisProxyPort ?? 0),
            [FaultUpstream.DynamoDb] = new(state.EmulatorEndpoint(EmulatorKind.DynamoDb), previous?.GetValueOrDefault(FaultUpstream.DynamoDb) ?? options.DynamoDbProxyPort ?? 0),
        };
        var proxy = await FaultProxyProcess.StartAsync(options.DataDirectory, new FaultProxyOptions(upstreams), FaultProfile.OffName, 1, options.StartTimeout, cancellationToken);
        log?.Invoke($"Started the fault proxy (no faults) for Kinesis on {proxy.Endpoint(FaultUpstream.Kinesis)} and DynamoDB on {proxy.Endpoint(FaultUpstream.DynamoDb)} (log: {proxy.LogPath}).");
        state = state with { FaultProxy = proxy };
        state.Save(options.DataDirectory);
        return state;
    }

    private static LocalStackState Save(LocalStackOptions options, List<EmulatorProcess> processes, LocalStackState? recorded)
    {
        var state = new LocalStackState(
            [.. processes, .. recorded?.Processes.Where(p => processes.All(started => started.Kind != p.Kind)) ?? []],
            recorded?.StreamName ?? options.StreamName,
            recorded?.TableName ?? options.TableName,
            recorded?.BucketName ?? options.BucketName)
        {
            Functions = recorded?.Functions,
            FaultProxy = recorded?.FaultProxy,
            Alerts = recorded?.Alerts,
            ArchiveBufferingInterval = options.ArchiveBufferingInterval ?? recorded?.ArchiveBufferingInterval,
            FlushInterval = options.FlushInterval ?? recorded?.FlushInterval,
        };
        state.Save(options.DataDirectory);
        return state;
    }

    /// <summary>
    /// Stops the processes recorded by <see cref="UpAsync"/>, the function service first, and those of this data folder an
    /// interrupted <c>up</c> left unrecorded; nothing else. False when no stack was recorded.
    /// </summary>
    public static async Task<bool> DownAsync(string dataDirectory)
    {
        var state = LocalStackState.Load(dataDirectory);
        // The service goes first so that it checkpoints what it finished while the emulators still answer.
        if (state?.Functions is { } functions)
        {
            await functions.StopAsync();
        }

        if (state?.FaultProxy is { } proxy)
        {
            await proxy.StopAsync();
        }

        if (state is not null)
        {
            await LocalEmulators.Adopt(state.Processes).DisposeAsync();
        }

        await StopLeftoversAsync(dataDirectory);
        if (state is null)
        {
            return false;
        }

        LocalStackState.Delete(dataDirectory);
        return true;
    }

    private static async Task StopLeftoversAsync(string dataDirectory)
    {
        await FunctionServiceProcess.StopLeftoverAsync(dataDirectory);
        await FaultProxyProcess.StopLeftoverAsync(dataDirectory);
        foreach (var kind in Enum.GetValues<EmulatorKind>())
        {
            await EmulatorProcess.StopLeftoverAsync(kind, dataDirectory);
        }
    }

    /// <summary>Stops the stack and deletes its data: streams, tables, objects, checkpoints.</summary>
    public static async Task ResetAsync(string dataDirectory)
    {
        await DownAsync(dataDirectory);
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
