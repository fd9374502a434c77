using Telemetry.Local.Emulators;

namespace Telemetry.Local.Tests;

// The interpreter choice and the virtual-environment install, against fake interpreters that log how they were called.
public sealed class MotoEnvironmentTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("telemetry-fake-venv-").FullName;

    private string Calls => Path.Combine(folder, "calls.log");

    private string Venv => Path.Combine(folder, "moto-venv");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task FindOrInstallAsync_MachinePythonHasThePinnedMoto_UsesItAndInstallsNothing()
    {
        var python = MachinePython(version: "5.2.1", server: "server", pip: "exit 0");

        var found = await Ensure(python);

        Assert.Equal("/opt/fake/python3", found.Python);
        Assert.False(Directory.Exists(Venv));
        Assert.DoesNotContain("venv", File.ReadAllText(Calls), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindOrInstallAsync_MachinePythonWithoutMoto_CreatesTheVenvAndInstallsThePinFile()
    {
        var python = MachinePython(version: string.Empty, server: "ModuleNotFoundError()", pip: "touch \"$dir/installed\"");
        var logged = new List<string>();

        var found = await Ensure(python, logged.Add);

        Assert.Equal(Path.Combine(Venv, "bin", "python"), found.Python);
        Assert.Equal("5.2.1", found.Version);
        var calls = File.ReadAllLines(Calls);
        Assert.Contains($"machine -m venv {Venv}", calls);
        Assert.Contains($"venv -m pip install --disable-pip-version-check --no-input -r {Path.Combine(LocalToolsFolder.Path, MotoInstallation.RequirementsFile)}", calls);
        Assert.Contains(logged, line => line.Contains("installing it into", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindOrInstallAsync_VenvAlreadyHoldsThePin_InstallsNothing()
    {
        var python = MachinePython(version: "5.0.0", server: "server", pip: "touch \"$dir/installed\"");
        await Ensure(python);
        File.Delete(Calls);

        var found = await Ensure(python);

        Assert.StartsWith(Venv, found.Python, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllLines(Calls), line => line.Contains("pip install", StringComparison.Ordinal) || line.Contains("-m venv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindOrInstallAsync_PipCannotReachAnIndex_SaysSoWithPipsOutputAndTheManualInstall()
    {
        var python = MachinePython(version: string.Empty, server: "ModuleNotFoundError()",
            pip: "echo 'ERROR: Could not find a version that satisfies the requirement moto[server]==5.2.1 (from versions: none)' >&2; exit 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Ensure(python));

        Assert.Contains("Could not install moto[server]==5.2.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("no package index is reachable", error.Message, StringComparison.Ordinal);
        Assert.Contains("(from versions: none)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{python} -m pip install -r", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindOrInstallAsync_PythonNotOnPath_SaysToInstallPython3AndInstallsNothing()
    {
        var error = await Assert.ThrowsAsync<PythonNotFoundException>(() => Ensure("telemetry-no-such-python3"));

        Assert.Contains("'telemetry-no-such-python3' was not found on PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains("install Python 3", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Venv));
    }

    private Task<MotoInstallation> Ensure(string python, Action<string>? log = null) =>
        MotoEnvironment.FindOrInstallAsync(python, LocalToolsFolder.Path, Venv, log, CancellationToken.None);

    // A machine interpreter answering the probe as given, whose `-m venv DIR` creates DIR/bin/python: a second fake that
    // answers the probe with the pin once its `-m pip install` has run the given shell command.
    private string MachinePython(string version, string server, string pip)
    {
        var venvPython = Executable("venv-python", $$"""
            #!/bin/sh
            dir=$(dirname "$0")
            echo "venv $*" >> '{{Calls}}'
            case "$1" in
              -c) if [ -f "$dir/installed" ]; then printf '%s\n' "$0" 5.2.1 server; else printf '%s\n' "$0" '' 'ModuleNotFoundError()'; fi ;;
              -m) {{pip}} ;;
            esac
            """);
        return Executable($"python3-{Guid.NewGuid():N}", $$"""
            #!/bin/sh
            echo "machine $*" >> '{{Calls}}'
            case "$1" in
              -c) printf '%s\n' /opt/fake/python3 '{{version}}' '{{server.Replace("'", "'\\''", StringComparison.Ordinal)}}' ;;
              -m) mkdir -p "$3/bin" && cp '{{venvPython}}' "$3/bin/python" ;;
            esac
            """);
    }

    private string Executable(string name, string script)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, script.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
