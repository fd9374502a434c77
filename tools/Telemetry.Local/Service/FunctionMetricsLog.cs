using System.Text;

namespace Telemetry.Local.Service;

/// <summary>
/// The functions' metric lines in functions.log, read as they are appended: a reader kept between reads (the
/// dashboard's, every 5 s) reads only what was written since the last one, where reading the whole log each time
/// would cost more the longer the stack runs. A line still being written is left for the next read; a log that got
/// shorter (the stack was reset) is read again from the start.
/// </summary>
public sealed class FunctionMetricsLog(string logPath)
{
    private const int ChunkBytes = 1 << 20;

    private readonly SemaphoreSlim gate = new(1, 1);
    private SortedDictionary<string, FunctionMetricsTotals.Builder> builders = new(StringComparer.Ordinal);
    private long offset;

    public async Task<IReadOnlyList<FunctionMetricsTotals>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(logPath))
            {
                Restart();
                return [];
            }

            await using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < offset)
            {
                Restart();
            }

            // In pieces, so that a first read of a long log does not hold it all in memory at once.
            var length = stream.Length;
            var buffer = new byte[ChunkBytes];
            var held = 0;
            stream.Seek(offset, SeekOrigin.Begin);
            while (offset + held < length)
            {
                if (held == buffer.Length)
                {
                    // A line longer than the buffer: the buffer grows until the line ends.
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(held, (int)Math.Min(buffer.Length - held, length - offset - held)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                held += read;
                var end = Array.LastIndexOf(buffer, (byte)'\n', held - 1) + 1;
                Add(Encoding.UTF8.GetString(buffer, 0, end));
                Buffer.BlockCopy(buffer, end, buffer, 0, held - end);
                held -= end;
                offset += end;
            }

            return [.. builders.Values.Select(b => b.Build(now))];
        }
        finally
        {
            gate.Release();
        }
    }

    private void Add(string lines)
    {
        foreach (var line in lines.Split('\n'))
        {
            if (FunctionMetricsTotals.ParseMetricLine(line.TrimEnd('\r')) is { } metrics)
            {
                if (!builders.TryGetValue(metrics.Function, out var builder))
                {
                    builders.Add(metrics.Function, builder = new FunctionMetricsTotals.Builder(metrics.Function));
                }

                builder.Add(metrics);
            }
        }
    }

    private void Restart()
    {
        builders = new(StringComparer.Ordinal);
        offset = 0;
    }
}
