namespace Telemetry.Local.Emulators;

/// <summary>The set of emulators one caller started; disposing stops exactly those processes.</summary>
public sealed class LocalEmulators : IAsyncDisposable
{
    private readonly IReadOnlyList<EmulatorProcess> _processes;

    private LocalEmulators(IReadOnlyList<EmulatorProcess> processes) => _processes = processes;

    public IReadOnlyList<EmulatorProcess> Processes => _processes;

    public Uri KinesisEndpoint => Find(EmulatorKind.Kinesis);

    public Uri DynamoDbEndpoint => Find(EmulatorKind.DynamoDb);

    public Uri S3Endpoint => Find(EmulatorKind.S3);

    public static async Task<LocalEmulators> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        await EmulatorInstaller.EnsureInstalledAsync(log, cancellationToken);
        Directory.CreateDirectory(options.DataDirectory);

        var wanted = new List<(EmulatorKind Kind, int? Port)>();
        if (options.Kinesis)
        {
            wanted.Add((EmulatorKind.Kinesis, options.KinesisPort));
        }

        if (options.DynamoDb)
        {
            wanted.Add((EmulatorKind.DynamoDb, options.DynamoDbPort));
        }

        if (options.S3)
        {
            wanted.Add((EmulatorKind.S3, options.S3Port));
        }

        var started = new List<EmulatorProcess>();
        try
        {
            foreach (var (kind, port) in wanted)
            {
                started.Add(await StartWithRetryAsync(kind, port, options, cancellationToken));
            }
        }
        catch
        {
            foreach (var process in started)
            {
                await process.StopAsync(CancellationToken.None);
            }

            throw;
        }

        return new LocalEmulators(started);
    }

    /// <summary>Starts one emulator on <paramref name="port"/> (null: any free port); installing is the caller's job.</summary>
    public static Task<EmulatorProcess> StartOneAsync(EmulatorKind kind, int? port, string dataDirectory, CancellationToken cancellationToken, Action<string>? log = null) =>
        StartWithRetryAsync(kind, port, new EmulatorOptions { DataDirectory = dataDirectory }, cancellationToken, log);

    /// <summary>Adopts processes started earlier (for example by <c>telemetry local up</c>), to stop them.</summary>
    public static LocalEmulators Adopt(IReadOnlyList<EmulatorProcess> processes) => new(processes);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.StopAsync();
        }
    }

    private static async Task<EmulatorProcess> StartWithRetryAsync(
        EmulatorKind kind, int? port, EmulatorOptions options, CancellationToken cancellationToken, Action<string>? log = null)
    {
        if (kind == EmulatorKind.Moto)
        {
            // Found (or installed) once here: a missing Python or a failed install is not a port race worth a retry.
            await MotoEnvironment.EnsureAsync(log: log, cancellationToken: cancellationToken);
        }

        if (port is { } fixedPort)
        {
            return await EmulatorProcess.StartAsync(kind, fixedPort, options.DataDirectory, options.StartTimeout, cancellationToken, log);
        }

        // A free port can be taken by a parallel test between our probe and the emulator's bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await EmulatorProcess.StartAsync(kind, EmulatorProcess.FreePort(), options.DataDirectory, options.StartTimeout, cancellationToken, log);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    private Uri Find(EmulatorKind kind) =>
        _processes.FirstOrDefault(p => p.Kind == kind)?.Endpoint
        ?? throw new InvalidOperationException($"The {kind} emulator was not started (see EmulatorOptions).");
}
