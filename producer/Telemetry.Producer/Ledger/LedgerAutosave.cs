namespace Telemetry.Producer.Ledger;

/// <summary>
/// Writes a running simulation's ledger every <see cref="Interval"/> and once more, complete, at its end, so that a
/// run killed at any moment leaves a ledger at most an interval old (and still truthful: see <see cref="ProducerLedger.Complete"/>).
/// </summary>
public sealed class LedgerAutosave : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly LedgerRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string? _lastError;

    /// <summary>Writes a first, empty ledger at once, so that a bad path fails before anything is sent.</summary>
    /// <exception cref="IOException">The ledger cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The ledger cannot be written.</exception>
    public LedgerAutosave(LedgerRecorder recorder, string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(time);
        _recorder = recorder;
        Path = path;
        _time = time;
        LedgerFile.Write(path, recorder.Snapshot(time.GetUtcNow(), complete: false));
        _loop = RunAsync();
    }

    public string Path { get; }

    /// <summary>The last failure of a periodic write, if any; the run goes on and the next write tries again.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Stops the periodic writes and writes the final ledger.</summary>
    public async Task CompleteAsync(bool cancelled)
    {
        await StopAsync();
        LedgerFile.Write(Path, _recorder.Snapshot(_time.GetUtcNow(), complete: true, cancelled));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    LedgerFile.Write(Path, _recorder.Snapshot(_time.GetUtcNow(), complete: false));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Volatile.Write(ref _lastError, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
