using Telemetry.Producer.Simulation;

namespace Telemetry.Producer.Cli;

/// <summary>Keeps only the newest snapshot; the display polls it at its own pace instead of redrawing per call.</summary>
public sealed class LatestProgress : IProgress<SimulatorProgress>
{
    private SimulatorProgress? _latest;

    public SimulatorProgress? Latest => Volatile.Read(ref _latest);

    public void Report(SimulatorProgress value) => Volatile.Write(ref _latest, value);
}
