using Telemetry.Aws.Sns;

namespace Telemetry.Aws.Tests.Support;

internal static class SnsClients
{
    public const string Region = "eu-west-1";
    public const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:telemetry-alerts";
    public const string QueueArn = "arn:aws:sqs:eu-west-1:123456789012:alerts-tail-1";
    public const string SubscriptionArn = TopicArn + ":2f3c1d1e-0000-4000-8000-000000000001";
    public static readonly Uri Endpoint = new("http://sns.test:4575/");

    public static SnsClientOptions Options(HttpMessageHandler handler) => StubbedOptions.For(new SnsClientOptions(), handler, Endpoint, Region);

    public static SnsClient Create(HttpMessageHandler handler) => new(Options(handler));

    /// <summary>A success answer as SNS writes it: <paramref name="result"/> inside <c>{action}Result</c>, null for none.</summary>
    public static string Answer(string action, string? result) => $"""
        <{action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          {(result is null ? "" : $"<{action}Result>{result}</{action}Result>")}
          <ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata>
        </{action}Response>
        """;

    public static string Error(string code, string message, string? requestId = "req-err") => $"""
        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
          {(requestId is null ? "" : $"<RequestId>{requestId}</RequestId>")}
        </ErrorResponse>
        """;

    public static string Member(string subscriptionArn, string endpoint, string protocol = "sqs") =>
        $"<member><TopicArn>{TopicArn}</TopicArn><Protocol>{protocol}</Protocol><SubscriptionArn>{subscriptionArn}</SubscriptionArn>" +
        $"<Owner>123456789012</Owner><Endpoint>{endpoint}</Endpoint></member>";

    public static string SubscriptionsPage(string? nextToken, params string[] members) =>
        Answer("ListSubscriptionsByTopic", $"<Subscriptions>{string.Concat(members)}</Subscriptions>{(nextToken is null ? "" : $"<NextToken>{nextToken}</NextToken>")}");

    /// <summary>The form fields of a Query request body, decoded.</summary>
    public static Dictionary<string, string> Form(RecordedRequest request) => request.Body
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1]));
}
