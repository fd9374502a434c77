using System.Text;
using System.Text.Json;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// One small JSON file per function and shard. Each write goes to a temporary file that is flushed to disk and then
/// renamed over the old one, so a crash leaves either the previous checkpoint or the new one, never a torn file.
/// </summary>
public sealed class FileCheckpointStore : ICheckpointStore
{
    private readonly string _directory;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public FileCheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    public string Directory => _directory;

    public async Task<string?> GetAsync(string function, string shardId, CancellationToken cancellationToken) =>
        (await ReadAsync(function, shardId, cancellationToken))?.SequenceNumber;

    public async Task<bool> IsShardFinishedAsync(string function, string shardId, CancellationToken cancellationToken) =>
        (await ReadAsync(function, shardId, cancellationToken))?.Finished ?? false;

    public Task SetAsync(string function, string shardId, string sequenceNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sequenceNumber);
        // A checkpoint moved outside a tumbling window (the window was turned off) leaves no window behind: what it had
        // folded lies past the checkpoint and is read again.
        return UpdateAsync(function, shardId, current => current with { SequenceNumber = sequenceNumber, Window = null }, cancellationToken);
    }

    public async Task<OpenWindow?> GetWindowAsync(string function, string shardId, CancellationToken cancellationToken) =>
        (await ReadAsync(function, shardId, cancellationToken))?.Window;

    public Task SetWindowAsync(string function, string shardId, OpenWindow? window, string? sequenceNumber, CancellationToken cancellationToken) =>
        UpdateAsync(
            function,
            shardId,
            current => current with { Window = window, SequenceNumber = sequenceNumber ?? current.SequenceNumber },
            cancellationToken);

    public Task MarkShardFinishedAsync(string function, string shardId, CancellationToken cancellationToken) =>
        UpdateAsync(function, shardId, current => current with { Finished = true }, cancellationToken);

    private async Task UpdateAsync(string function, string shardId, Func<CheckpointRecord, CheckpointRecord> change, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var current = await ReadAsync(function, shardId, cancellationToken) ?? new CheckpointRecord(function, shardId, null, false);
            await WriteAtomicallyAsync(PathFor(function, shardId), change(current), cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<CheckpointRecord?> ReadAsync(string function, string shardId, CancellationToken cancellationToken)
    {
        var path = PathFor(function, shardId);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(bytes, CheckpointJsonContext.Default.CheckpointRecord);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Checkpoint file '{path}' is not valid JSON; delete it to re-read the shard from its starting position.", ex);
        }
    }

    private async Task WriteAtomicallyAsync(string path, CheckpointRecord record, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(_directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, record, CheckpointJsonContext.Default.CheckpointRecord, cancellationToken);
                // The rename must not reach the disk before the content does.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private string PathFor(string function, string shardId) =>
        Path.Combine(_directory, $"{Sanitize(function)}.{Sanitize(shardId)}.checkpoint.json");

    private static string Sanitize(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.ToString();
    }
}
