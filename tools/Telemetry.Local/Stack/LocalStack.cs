using Telemetry.Local.Emulators;

namespace Telemetry.Local.Stack;

/// <summary><c>telemetry local up|down|status|reset</c>: the emulators plus the pipeline's resources.</summary>
public static class LocalStack
{
    /// <summary>Starts what is not running and creates missing resources; running it twice changes nothing.</summary>
    public static async Task<LocalStackState> UpAsync(LocalStackOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = LocalStackState.Load(options.DataDirectory);
        if (state is null || !state.AllRunning)
        {
            if (state is not null)
            {
                await LocalEmulators.Adopt(state.Processes).DisposeAsync(); // stop the survivors of a half-dead stack
            }

            var emulators = await LocalEmulators.StartAsync(
                new EmulatorOptions
                {
                    DataDirectory = options.DataDirectory,
                    KinesisPort = options.KinesisPort,
                    DynamoDbPort = options.DynamoDbPort,
                    S3Port = options.S3Port,
                },
                cancellationToken,
                log);
            state = new LocalStackState(emulators.Processes, options.StreamName, options.TableName, options.BucketName);
            state.Save(options.DataDirectory);
            log?.Invoke($"Started kinesalite, dynalite and s3rver on 127.0.0.1 (data in {options.DataDirectory}).");
        }

        await new LocalResources(state).EnsureCreatedAsync(options.ShardCount, log, cancellationToken);
        return state;
    }

    /// <summary>Stops the processes recorded by <see cref="UpAsync"/>, and nothing else.</summary>
    public static async Task<bool> DownAsync(string dataDirectory)
    {
        var state = LocalStackState.Load(dataDirectory);
        if (state is null)
        {
            return false;
        }

        await LocalEmulators.Adopt(state.Processes).DisposeAsync();
        LocalStackState.Delete(dataDirectory);
        return true;
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
