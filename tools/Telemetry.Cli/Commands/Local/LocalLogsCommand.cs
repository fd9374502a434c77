using System.ComponentModel;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Contracts;

namespace Telemetry.Cli.Commands.Local;

/// <summary><c>telemetry local logs</c>: the end of each log of the local stack, and with <c>--follow</c> what is appended.</summary>
public sealed class LocalLogsCommand(IAnsiConsole console, TimeProvider time) : AsyncCommand<LocalLogsCommand.Settings>
{
    private static readonly TimeSpan FollowEvery = TimeSpan.FromMilliseconds(250);

    public static IReadOnlyList<string> Components { get; } = ["functions", .. Enum.GetValues<EmulatorKind>().Select(Name)];

    public sealed class Settings : LocalSettings
    {
        [CommandOption("-c|--component <NAME>")]
        [Description("Only this log: functions (the local function service), kinesis, dynamodb or s3. Default: all. Example: --component functions")]
        public string? Component { get; init; }

        [CommandOption("-n|--lines <N>")]
        [Description("Lines to show from the end of each log.")]
        [DefaultValue(40)]
        public int Lines { get; init; } = 40;

        [CommandOption("-f|--follow")]
        [Description("Keep printing what the logs append, until Ctrl+C. Example: ./telemetry local logs --follow --component functions")]
        public bool Follow { get; init; }

        public override ValidationResult Validate()
        {
            if (Component is not null && !Components.Contains(Component, StringComparer.Ordinal))
            {
                return ValidationResult.Error($"--component must be one of {string.Join(", ", Components)} (got '{Component}').");
            }

            return Lines < 0 ? ValidationResult.Error($"--lines must be 0 or more (got {Lines}).") : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var dataDirectory = settings.ResolvedDataDirectory;
        var logs = Components
            .Where(c => settings.Component is null || c == settings.Component)
            .Select(c => (Component: c, Path: PathOf(dataDirectory, c)))
            .ToList();
        if (!logs.Any(log => File.Exists(log.Path)) && !settings.Follow)
        {
            console.MarkupLineInterpolated($"No logs in {dataDirectory}. Start the stack with [bold]./telemetry local up[/].");
            return ExitCodes.Failed;
        }

        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (component, path) in logs)
        {
            var text = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : string.Empty;
            offsets[component] = Encoding.UTF8.GetByteCount(text);
            if (logs.Count > 1)
            {
                console.MarkupLineInterpolated($"[bold]==> {component} ({path}) <==[/]");
            }

            foreach (var line in LastLines(text, settings.Lines))
            {
                console.Profile.Out.Writer.WriteLine(line);
            }
        }

        if (!settings.Follow)
        {
            return ExitCodes.Ok;
        }

        try
        {
            while (true)
            {
                await Task.Delay(FollowEvery, time, cancellationToken);
                foreach (var (component, path) in logs)
                {
                    offsets[component] = await PrintAppendedAsync(component, path, offsets[component], logs.Count > 1, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok; // Ctrl+C is how --follow ends.
        }
    }

    private async Task<long> PrintAppendedAsync(string component, string path, long offset, bool prefix, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < offset)
        {
            offset = 0; // The log was replaced (a reset): read the new one from its start.
        }

        stream.Position = offset;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var appended = await reader.ReadToEndAsync(cancellationToken);
        var complete = appended.LastIndexOf('\n');
        if (complete < 0)
        {
            return offset; // Wait for the rest of a half-written line.
        }

        foreach (var line in appended[..complete].Split('\n'))
        {
            console.Profile.Out.Writer.WriteLine(prefix ? $"[{component}] {line}" : line);
        }

        console.Profile.Out.Writer.Flush();
        return offset + Encoding.UTF8.GetByteCount(appended[..(complete + 1)]);
    }

    private static IEnumerable<string> LastLines(string text, int count)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        return text.Length == 0 ? [] : lines.Skip(Math.Max(0, lines.Length - count));
    }

    private static string PathOf(string dataDirectory, string component) =>
        component == "functions"
            ? FunctionServicePaths.Log(dataDirectory)
            : EmulatorProcess.LogPathOf(dataDirectory, Enum.Parse<EmulatorKind>(component, ignoreCase: true));

    private static string Name(EmulatorKind kind) => kind.ToString().ToLower(CultureInfo.InvariantCulture);
}
