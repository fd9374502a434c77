using System.ComponentModel;
using System.Text.RegularExpressions;

namespace Telemetry.Local.Emulators;

/// <summary>
/// A Python interpreter that holds the pinned moto (tools/local/moto-requirements.txt). <see cref="FindAsync"/> checks one
/// interpreter and says what is wrong with it; <see cref="MotoEnvironment.EnsureAsync"/> picks one, installing the pin
/// into the project's virtual environment when no interpreter has it.
/// </summary>
/// <param name="Python">The interpreter's own path (not a shim), so a started server can be told from others by it.</param>
public sealed partial record MotoInstallation(string Python, string Version)
{
    public const string RequirementsFile = "moto-requirements.txt";

    /// <summary>The interpreter used unless one is named: the one on PATH.</summary>
    public const string DefaultPython = "python3";

    // One run answers all three questions; each line is read by position, so a Python warning on stderr cannot shift them.
    private const string Probe = """
        import sys
        print(sys.executable)
        try:
            import importlib.metadata as metadata
            print(metadata.version("moto"))
        except Exception:
            print("")
        try:
            import moto.server
            print("server")
        except Exception as error:
            print(repr(error).replace("\n", " "))
        """;

    /// <summary>The moto version tools/local pins.</summary>
    public static string PinnedVersion(string toolsFolder)
    {
        var path = System.IO.Path.Combine(toolsFolder, RequirementsFile);
        foreach (var line in File.ReadLines(path))
        {
            var match = PinLine().Match(line);
            if (match.Success)
            {
                return match.Groups["version"].Value;
            }
        }

        throw new InvalidOperationException($"{path} pins no moto version (a line like 'moto[server]==5.2.1').");
    }

    /// <summary>Finds <paramref name="python"/> and checks that it holds the pinned moto with its server extras.</summary>
    public static async Task<MotoInstallation> FindAsync(string python = DefaultPython, string? toolsFolder = null, CancellationToken cancellationToken = default)
    {
        var folder = toolsFolder ?? LocalToolsFolder.Path;
        var pinned = PinnedVersion(folder);
        var install = $"Install it with: {python} -m pip install -r {System.IO.Path.Combine(folder, RequirementsFile)}";
        ProcessRunner.Result result;
        try
        {
            result = await ProcessRunner.RunAsync(python, ["-c", Probe], folder, cancellationToken);
        }
        catch (Win32Exception)
        {
            throw new PythonNotFoundException(
                $"'{python}' was not found on PATH. moto server (SQS, SNS, EventBridge locally) needs Python 3 with moto[server]=={pinned}: " +
                "install Python 3 with its venv module (Debian/Ubuntu: apt install python3 python3-venv) and retry; the pinned moto is then " +
                "installed into a virtual environment of the project on first use.");
        }

        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (result.ExitCode != 0 || lines.Count < 3)
        {
            throw new InvalidOperationException($"'{python}' could not be asked for its moto (exit {result.ExitCode}):\n{result.Output}");
        }

        var (executable, version, server) = (lines[0], lines[1], lines[2]);
        if (version.Length == 0)
        {
            throw new InvalidOperationException($"moto is not installed for {executable}; the local stack needs moto[server]=={pinned}. {install}");
        }

        if (version != pinned)
        {
            throw new InvalidOperationException($"{executable} has moto {version}, but tools/local pins {pinned}. {install}");
        }

        if (server != "server")
        {
            throw new InvalidOperationException($"moto {version} for {executable} lacks its server extras ({server}). {install}");
        }

        return new MotoInstallation(executable, version);
    }

    [GeneratedRegex(@"^\s*moto(\[[^\]]*\])?\s*==\s*(?<version>[^\s;#]+)")]
    private static partial Regex PinLine();
}

/// <summary>The interpreter asked for is not on PATH: nothing can be installed for it either.</summary>
public sealed class PythonNotFoundException(string message) : InvalidOperationException(message);
