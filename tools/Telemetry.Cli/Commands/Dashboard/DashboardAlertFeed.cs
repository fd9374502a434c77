using Amazon.SQS;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Cli.Commands.Alerts;
using Telemetry.Contracts.Alerts;

namespace Telemetry.Cli.Commands.Dashboard;

/// <summary>The dashboard's own subscriber queue, as <c>alerts tail</c> opens one, with the SQS client it reads through.</summary>
internal sealed class DashboardAlertFeed(AlertFeed feed, IAmazonSQS sqs) : IAlertEvents
{
    public string Source => feed.Source;

    public string QueueName => feed.QueueName;

    /// <summary>
    /// Where the live queue attaches, for the target the dashboard chose: pinned to it, so that a retry while a local
    /// process is down fails here instead of attaching to an AWS account under <c>--target auto</c>.
    /// </summary>
    public static Task<AlertFeedTarget> ResolveAsync(TargetSettings settings, PipelineTarget chosen, IPulumiCommand pulumi, CancellationToken cancellationToken)
    {
        var pinned = new TargetSettings
        {
            Target = chosen.Name == "local" ? "local" : "aws",
            Stack = settings.Stack,
            DataDirectory = settings.DataDirectory,
        };
        return AlertFeedTarget.ResolveAsync(pinned, pulumi, AwsClientEnvironment.Process, cancellationToken);
    }

    public static async Task<IAlertEvents> OpenAsync(AlertFeedTarget target, TimeProvider time, Action<string> warn, CancellationToken cancellationToken)
    {
        var sqs = target.Sqs();
        try
        {
            return new DashboardAlertFeed(await AlertFeed.OpenAsync(sqs, target.Subscriber, target.AlertQueueName, "dashboard", time, warn, cancellationToken), sqs);
        }
        catch
        {
            sqs.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<AlertEvent>> NextAsync(TimeSpan wait, CancellationToken cancellationToken) => feed.NextAsync(wait, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await feed.DisposeAsync();
        }
        finally
        {
            sqs.Dispose();
        }
    }
}
