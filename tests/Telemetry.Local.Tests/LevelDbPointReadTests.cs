using System.Text.Json;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Tests;

// dynalite and kinesalite store their data in LevelDB 1.20, whose point reads can answer with an overwritten version
// (google/leveldb issue 320). tools/local/leveldb-point-reads-check.js builds that layout in the binding each emulator
// uses; the emulators start with leveldb-point-reads.js, which must make it harmless.
public sealed class LevelDbPointReadTests
{
    [Theory]
    [InlineData("classic-level")] // dynalite
    [InlineData("leveldown")] // kinesalite
    public async Task Get_KeyWhoseVersionsCompactionSplit_ReturnsNewestOnlyWithThePatch(string binding)
    {
        await EmulatorInstaller.EnsureInstalledAsync();

        var unpatched = await CheckAsync(binding, "unpatched");
        var patched = await CheckAsync(binding, "patched");

        // The unpatched read going stale shows the check still builds the layout the bug needs, so that the patched
        // zero means something. If a newer pin fixes LevelDB, this fails: the patch may then go.
        Assert.True(unpatched > 0, $"{binding} without the patch read no stale value: the pinned LevelDB no longer shows issue 320.");
        Assert.Equal(0, patched);
    }

    private static async Task<int> CheckAsync(string binding, string mode)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await ProcessRunner.RunAsync(
            "node", ["leveldb-point-reads-check.js", binding, mode, "2"], LocalToolsFolder.Path, timeout.Token);
        Assert.True(result.ExitCode == 0, $"the check failed (exit {result.ExitCode}):\n{result.Output}");
        using var line = JsonDocument.Parse(result.Output.Trim());
        return line.RootElement.GetProperty("stale").GetInt32();
    }
}
