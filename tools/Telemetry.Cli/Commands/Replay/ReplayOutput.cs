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
    private readonly string? _partial;
    private bool _complete;

    private ReplayOutput(TextWriter? console, FileStream? file, string? path, string? partial)
    {
        _console = console;
        _file = file;
        _path = path;
        _partial = partial;
    }

    public static ReplayOutput Open(string into, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (into == ReplaySettings.Stdout)
        {
            // The console's own writer, straight: Spectre would wrap long lines; tests capture it.
            return new ReplayOutput(console.Profile.Out.Writer, null, null, null);
        }

        var partial = $"{into}.{Environment.ProcessId}.partial";
        return new ReplayOutput(null, new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true), into, partial);
    }

    /// <summary>Writes <paramref name="reading"/> (a record's JSON) as one line.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> reading, CancellationToken cancellationToken)
    {
        var line = NdjsonLine.Of(reading);
        if (_file is not null)
        {
            await _file.WriteAsync(line, cancellationToken);
            await _file.WriteAsync(Newline, cancellationToken);
            return;
        }

        _console!.WriteLine(Encoding.UTF8.GetString(line.Span));
    }

    /// <exception cref="IOException">The file appeared meanwhile: the complete replay is kept under its temporary name, which the message gives.</exception>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_file is null)
        {
            await _console!.FlushAsync(cancellationToken);
            _complete = true;
            return;
        }

        await _file.FlushAsync(cancellationToken);
        await _file.DisposeAsync();
        _complete = true;
        try
        {
            File.Move(_partial!, _path!, overwrite: false);
        }
        catch (IOException e)
        {
            throw new IOException($"{_path} appeared while the replay ran; the complete replay is in {_partial}.", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is null)
        {
            return;
        }

        try
        {
            await _file.DisposeAsync();
        }
        finally
        {
            if (!_complete)
            {
                File.Delete(_partial!);
            }
        }
    }
}
