using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Telemetry.Local.Emulators;

namespace Telemetry.Cli.Commands.Redrive;

/// <summary>How <c>--queue</c> is reached: by name through the region's SQS, or by URL at the server the URL names.</summary>
internal static class OnFailureQueue
{
    public static bool IsUrl(string queue) =>
        Uri.TryCreate(queue, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>The local stack's queues live in moto server, which accepts the emulators' fixed credentials.</summary>
    public static IAmazonSQS LocalClient(string queueUrl) => LocalAws.Sqs(new Uri(queueUrl));

    /// <summary>
    /// A URL of a server that is not AWS's (moto, a proxy) is called there: the SDK would send it to the region's
    /// endpoint otherwise, which does not know the queue. AWS's own URLs keep the SDK's endpoint resolution.
    /// </summary>
    public static IAmazonSQS AwsClient(string? queue, AWSCredentials credentials, RegionEndpoint region) =>
        queue is not null && IsUrl(queue) && !IsAwsHost(new Uri(queue))
            ? new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = new Uri(queue).GetLeftPart(UriPartial.Authority), AuthenticationRegion = region.SystemName })
            : new AmazonSQSClient(credentials, new AmazonSQSConfig { RegionEndpoint = region });

    private static bool IsAwsHost(Uri url) =>
        url.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase);
}
