using Spectre.Console;
using Telemetry.Aws.Kinesis;
using Telemetry.Producer.Cli;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Simulation;

namespace Telemetry.Cli.Commands.Demo;

/// <summary>Runs the simulator in-process, with the producer's own progress display unless output is JSON.</summary>
internal sealed class DemoSimulation(IAnsiConsole console, TimeProvider time, bool quiet)
{
    public Task<SimulatorResult> RunAsync(SimulatorOptions options, IKinesisClient kinesis, LedgerRecorder ledger, CancellationToken cancellationToken)
    {
        var simulator = new Simulator(time);
        return quiet
            ? simulator.RunAsync(options, kinesis, null, cancellationToken, ledger)
            : ProgressView.RunAsync(console, time, options, progress => simulator.RunAsync(options, kinesis, progress, cancellationToken, ledger));
    }
}
