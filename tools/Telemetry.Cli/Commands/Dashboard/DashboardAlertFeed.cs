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

    public static async Task<IAlertEvents> OpenAsync(
        TargetSettings settings, IPulumiCommand pulumi, TimeProvider time, Action<string> warn, CancellationToken cancellationToken)
    {
        var target = await AlertFeedTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
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
