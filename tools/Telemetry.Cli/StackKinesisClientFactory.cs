using Telemetry.Aws;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;
using Telemetry.Producer.Cli;

namespace Telemetry.Cli;

/// <summary>
/// Where <c>telemetry simulate</c> sends: like <c>--target auto</c> of the queries, the local stack when one runs
/// here, else AWS through the standard variables; a deployed stack (<c>--stack</c>, which passes its region) is AWS.
/// </summary>
internal sealed class StackKinesisClientFactory : IKinesisClientFactory
{
    private readonly EnvironmentKinesisClientFactory _aws = new();

    public KinesisTarget Create(string? region)
    {
        var dataDirectory = LocalStackOptions.DefaultDataDirectory();
        var state = region is null ? LocalStackState.Load(dataDirectory) : null;
        // The simulator retries failed entries itself and counts every re-send; the client must not retry under it.
        if (state is { AllRunning: true })
        {
            // The data folder goes with the client: the simulator keeps its ledgers beside the stack's data.
            return new KinesisTarget(LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis), maxRetries: 0), dataDirectory);
        }

        try
        {
            return _aws.Create(region);
        }
        catch (AwsConfigurationException e) when (region is null)
        {
            throw new AwsConfigurationException($"{e.Message} No local stack runs here either; './telemetry local up' starts one.");
        }
    }
}
