using Amazon.Runtime.Signing;
using Telemetry.Aws.QueryProtocol;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.Sns;

/// <summary>
/// <see cref="ISnsClient"/> over the SNS AWS Query API (version 2010-03-31), signed with SigV4 by AWSSDK.Core's
/// <see cref="SigV4SigningHandler"/>. Calls that fail with throttling, 5xx or a transport error are retried; other
/// errors are thrown typed at once. One instance holds one HttpClient: share it.
/// </summary>
public sealed class SnsClient : ISnsClient, IDisposable
{
    public const string SigningName = "sns";

    /// <summary>The SDK service id: the endpoint variable is AWS_ENDPOINT_URL_SNS.</summary>
    public const string ServiceId = "SNS";

    private const string ApiVersion = "2010-03-31";

    private readonly AwsConnection _connection;
    private readonly AwsQueryTransport<SnsException> _transport;

    /// <summary>Everything from the environment, like an AWS SDK client built without arguments.</summary>
    public SnsClient()
        : this(new SnsClientOptions())
    {
    }

    /// <exception cref="AwsConfigurationException">No region or no credentials can be found, or an endpoint variable is malformed.</exception>
    public SnsClient(SnsClientOptions options)
    {
        _connection = AwsConnection.Open(options, ServiceId, SigningName, SigningName);
        _transport = new AwsQueryTransport<SnsException>(_connection, SnsErrors.Service, ApiVersion);
    }

    public Uri Endpoint => _connection.Endpoint;

    public string Region => _connection.Region;

    public async Task<string> CreateTopicAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var answer = await _transport.SendAsync("CreateTopic", [new("Name", name)], cancellationToken);
        return answer.Result.Text("TopicArn");
    }

    public async Task<string> SubscribeAsync(
        string topicArn,
        string protocol,
        string endpoint,
        IReadOnlyDictionary<string, string>? attributes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var answer = await _transport.SendAsync(
            "Subscribe",
            [
                new("TopicArn", topicArn), new("Protocol", protocol), new("Endpoint", endpoint),
                // Without it, an endpoint that must confirm answers "pending confirmation" instead of an ARN to unsubscribe with.
                new("ReturnSubscriptionArn", "true"),
                .. AwsQueryForm.Map("Attributes", attributes),
            ],
            cancellationToken);
        return answer.Result.Text("SubscriptionArn");
    }

    public async Task UnsubscribeAsync(string subscriptionArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionArn);
        await _transport.SendAsync("Unsubscribe", [new("SubscriptionArn", subscriptionArn)], cancellationToken);
    }

    public async Task<IReadOnlyList<SnsSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicArn);
        var subscriptions = new List<SnsSubscription>();
        string? nextToken = null;
        do
        {
            KeyValuePair<string, string>[] fields = nextToken is null
                ? [new("TopicArn", topicArn)]
                : [new("TopicArn", topicArn), new("NextToken", nextToken)];
            var result = (await _transport.SendAsync("ListSubscriptionsByTopic", fields, cancellationToken)).Result;
            subscriptions.AddRange(result.Members("Subscriptions").Select(s => new SnsSubscription(s.Text("SubscriptionArn"), s.Text("Protocol"), s.Text("Endpoint"))));
            var previous = nextToken;
            nextToken = result.OptionalText("NextToken");

            // A server that hands back the token it was given would page forever.
            if (nextToken is not null && nextToken == previous)
            {
                throw new SnsException($"SNS answered ListSubscriptionsByTopic page {nextToken} with the same NextToken.");
            }
        }
        while (nextToken is not null);

        return subscriptions;
    }

    public async Task<string> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicArn);
        ArgumentException.ThrowIfNullOrEmpty(message);
        var answer = await _transport.SendAsync("Publish", [new("TopicArn", topicArn), new("Message", message)], cancellationToken);
        return answer.Result.Text("MessageId");
    }

    public void Dispose() => _connection.Dispose();
}
