using Amazon.SQS;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Alerts;

/// <summary>Where an alert subscriber attaches, for either the local stack or AWS, chosen once per command.</summary>
/// <param name="Name">Says which target was chosen, for messages.</param>
/// <param name="AlertQueueName">The shared alert queue; subscribers' own queues are named after it.</param>
/// <param name="Sqs">Creates an SQS client for the target.</param>
/// <param name="Subscriber">Attaches a queue to the fan-out.</param>
public sealed record AlertFeedTarget(string Name, string AlertQueueName, Func<IAmazonSQS> Sqs, IAlertSubscriber Subscriber)
{
    public static async Task<AlertFeedTarget> ResolveAsync(
        TargetSettings settings, IPulumiCommand pulumi, AwsClientEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = AlertsConfig.Read();
        var state = settings.ResolvedTarget == "aws" ? null : LocalStackState.Load(settings.ResolvedDataDirectory);
        if (state is { AllRunning: true })
        {
            var wiring = state.Alerts
                ?? throw new InvalidOperationException("The local stack runs without its alert fan-out (moto); restart it with './telemetry local up'.");
            var moto = state.Endpoint(EmulatorKind.Moto);
            return new AlertFeedTarget("local", config.QueueName, () => LocalAws.Sqs(moto), new LocalRuleSubscriber(new LocalAlertTargets(moto, wiring), wiring.RuleName));
        }

        if (settings.ResolvedTarget == "local")
        {
            throw new InvalidOperationException("--target local: the local stack is not running; start it with './telemetry local up'.");
        }

        return await SnsTopicSubscriber.TargetAsync(settings, config, pulumi, environment, cancellationToken);
    }
}
