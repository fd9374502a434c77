using System.Text;
using Spectre.Console;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// Where replayed readings go, one per line: the console's stdout, or a file written under a temporary name and
/// renamed once complete, so an interrupted replay never leaves a file that looks whole.
/// </summary>
internal sealed class ReplayOutput : IAsyncDisposable
{
    private static readonly byte[] Newline = "\n"u8.ToArray();
    private readonly TextWriter? _console;
    private readonly FileStream? _file;
    private readonly string? _path;
    private bool _complete;

    private ReplayOutput(TextWriter? console, FileStream? file, string? path)
    {
        _console = console;
        _file = file;
        _path = path;
    }

    public static ReplayOutput Open(string into, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return into == ReplaySettings.Stdout
            // The console's own writer, straight: Spectre would wrap long lines; tests capture it.
            ? new ReplayOutput(console.Profile.Out.Writer, null, null)
            : new ReplayOutput(null, new FileStream($"{into}.{Environment.ProcessId}.partial", FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true), into);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> reading, CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            await _file.WriteAsync(reading, cancellationToken);
            await _file.WriteAsync(Newline, cancellationToken);
            return;
        }

        _console!.WriteLine(Encoding.UTF8.GetString(reading.Span));
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            await _file.FlushAsync(cancellationToken);
            await _file.DisposeAsync();
            File.Move(_file.Name, _path!, overwrite: false);
        }
        else
        {
            await _console!.FlushAsync(cancellationToken);
        }

        _complete = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is null)
        {
            return;
        }

        await _file.DisposeAsync();
        if (!_complete)
        {
            File.Delete(_file.Name);
        }
    }
}
