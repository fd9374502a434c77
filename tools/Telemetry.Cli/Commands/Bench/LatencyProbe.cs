using Telemetry.Processing;
using Telemetry.Producer.Devices;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>
/// End-to-end latency, produced → visible in a rollup, for a sample of devices: it polls their minute rollups and,
/// when a window's count grows, takes the newly counted readings (a device's readings arrive in order, so they are the
/// window's earliest not yet seen) and measures from each reading's scheduled time, which is when the paced
/// simulator produced it. The resolution is the poll interval.
/// </summary>
internal sealed class LatencyProbe
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    private readonly RollupReader _rollups;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<(string DeviceId, DateTimeOffset[] Produced)> _devices;
    private readonly Dictionary<(string, DateTimeOffset), long> _seen = [];
    private readonly List<double> _latencies = [];
    private long _visible;

    /// <param name="fleet">The run's fleet, device ids with their prefix.</param>
    /// <param name="start">The schedule's first timestamp (the simulator's StartTime).</param>
    /// <param name="ratePerDevice">Readings per second per device.</param>
    /// <param name="readingsPerDevice">How many readings each device sends.</param>
    /// <param name="sample">How many devices to follow, spread over the fleet.</param>
    public LatencyProbe(RollupReader rollups, Fleet fleet, DateTimeOffset start, double ratePerDevice, long readingsPerDevice, int sample, TimeProvider time)
    {
        _rollups = rollups;
        _time = time;
        var count = fleet.Devices.Count;
        var fleetRate = count * ratePerDevice;
        var step = Math.Max(1, count / Math.Max(1, sample));
        _devices = [.. Enumerable.Range(0, Math.Min(sample, count)).Select(i => i * step).Select(d => (
            fleet.Devices[d].DeviceId,
            Enumerable.Range(0, (int)readingsPerDevice).Select(s => start + ReadingGenerator.SlotOffset(((long)s * count) + d, fleetRate)).ToArray()))];
    }

    public int Devices => _devices.Count;

    public long Expected => _devices.Sum(d => (long)d.Produced.Length);

    /// <summary>Sampled readings seen so far; safe to read while the probe runs.</summary>
    public long Visible => Interlocked.Read(ref _visible);

    /// <summary>Latencies in seconds of the readings seen; read once the probe has stopped.</summary>
    public IReadOnlyList<double> Latencies => _latencies;

    /// <summary>Polls until every sampled reading is visible or <paramref name="cancellationToken"/> ends the wait.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (Visible < Expected)
            {
                await PollOnceAsync(cancellationToken);
                await Task.Delay(PollEvery, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bench's deadline: what was seen is reported, with how much was not.
        }
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var (deviceId, produced) in _devices)
        {
            var rows = await _rollups.QueryAsync(deviceId, Resolution.Minute, null, null, null, cancellationToken);
            var now = _time.GetUtcNow();
            foreach (var row in rows)
            {
                var inWindow = produced.Where(p => p >= row.WindowStart && p < row.WindowStart + Resolution.Minute.Duration()).ToArray();
                var seen = _seen.GetValueOrDefault((deviceId, row.WindowStart));
                var visible = Math.Min(row.ReadingCount, inWindow.Length);
                for (var i = seen; i < visible; i++)
                {
                    _latencies.Add((now - inWindow[i]).TotalSeconds);
                    Interlocked.Increment(ref _visible);
                }

                _seen[(deviceId, row.WindowStart)] = Math.Max(seen, visible);
            }
        }
    }
}
