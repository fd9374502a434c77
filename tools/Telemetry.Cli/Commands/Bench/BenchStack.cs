using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>
/// The bench's own local stack: a folder of its own and ports the system picks, started empty for every run, so it
/// never touches the user's stack and no earlier data weighs on the figures.
/// </summary>
internal static class BenchStack
{
    // Written into the folder the bench creates: only a folder bearing it is ever wiped.
    private const string Marker = "bench-stack";

    public static string DefaultDataDirectory { get; } = Path.Combine(LocalToolsFolder.RepoRoot, ".telemetry", "bench");

    /// <summary>Where a run's JSON is kept: beside the stack's folder, which the next run wipes; 'telemetry cost' reads the newest.</summary>
    public static string ResultsDirectory(string dataDirectory) => Path.TrimEndingDirectorySeparator(dataDirectory) + "-results";

    /// <summary>Why the bench must not use <paramref name="dataDirectory"/>: it holds files the bench did not make, a user's stack perhaps.</summary>
    public static string? Refusal(string dataDirectory) =>
        Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any() && !File.Exists(Path.Combine(dataDirectory, Marker))
            ? $"{dataDirectory} holds files 'telemetry bench' did not make; the bench wipes its folder on every run, so give it an empty or new one with --data-dir."
            : null;

    /// <summary>Wipes the folder (see <see cref="Refusal"/> first) and starts an empty stack in it.</summary>
    public static async Task<LocalStackState> StartFreshAsync(string dataDirectory, int shards, TimeSpan? flushInterval, Action<string> log, CancellationToken cancellationToken)
    {
        if (Refusal(dataDirectory) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        await LocalStack.ResetAsync(dataDirectory);

        Directory.CreateDirectory(dataDirectory);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, Marker), "made by 'telemetry bench'; wiped at the start of every bench run\n", cancellationToken);
        var options = new LocalStackOptions { DataDirectory = dataDirectory, ShardCount = shards, FlushInterval = flushInterval }.WithFreePorts();
        return await LocalStack.UpAsync(options, log, cancellationToken);
    }

    public static Task StopAsync(string dataDirectory) => LocalStack.DownAsync(dataDirectory);
}
