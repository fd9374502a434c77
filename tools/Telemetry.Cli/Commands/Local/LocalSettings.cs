using System.ComponentModel;
using Spectre.Console.Cli;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Local;

public class LocalSettings : CommandSettings
{
    [CommandOption("--data-dir <DIR>")]
    [Description("Where the local stack keeps its data and PIDs. Default: .telemetry/local in the repository, or $TELEMETRY_LOCAL_DIR. Example: --data-dir /tmp/telemetry")]
    public string? DataDirectory { get; init; }

    public string ResolvedDataDirectory => DataDirectory is null ? LocalStackOptions.DefaultDataDirectory() : Path.GetFullPath(DataDirectory);
}
