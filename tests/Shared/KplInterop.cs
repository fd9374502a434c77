using System.Diagnostics;
using System.Text.Json;
using Telemetry.Local.Emulators;

namespace Telemetry.Testing;

/// <summary>
/// aws-kinesis-agg (tests/Shared/kpl-interop), run from the tests: a KPL aggregation implementation that shares
/// nothing with ours, so our records are checked against a reader and a writer we did not write.
/// </summary>
public static class KplInterop
{
    /// <summary>Runs <c>node kpl.cjs <paramref name="mode"/></c> on <paramref name="input"/> (as JSON) and returns its JSON output.</summary>
    public static async Task<JsonDocument> RunAsync(string mode, object input)
    {
        var folder = Path.Combine(LocalToolsFolder.RepoRoot, "tests", "Shared", "kpl-interop");
        await NpmPackages.EnsureInstalledAsync(folder);
        var path = Path.Combine(Path.GetTempPath(), $"telemetry-kpl-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(input));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "kpl.cjs", mode, path })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"aws-kinesis-agg {mode} failed (exit {process.ExitCode}):\n{await errors}");
            return JsonDocument.Parse((await output).Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Aggregates <paramref name="records"/> with aws-kinesis-agg: each aggregated record's partition key, explicit hash key and data.</summary>
    public static async Task<IReadOnlyList<(string PartitionKey, string? ExplicitHashKey, byte[] Data)>> AggregateAsync(
        IEnumerable<(string PartitionKey, string? ExplicitHashKey, byte[] Data)> records)
    {
        using var written = await RunAsync("aggregate", records.Select(r => new { partitionKey = r.PartitionKey, explicitHashKey = r.ExplicitHashKey, data = Convert.ToBase64String(r.Data) }));
        return [.. written.RootElement.EnumerateArray().Select(a => (
            a.GetProperty("partitionKey").GetString()!,
            a.GetProperty("explicitHashKey").GetString(),
            Convert.FromBase64String(a.GetProperty("data").GetString()!)))];
    }
}
