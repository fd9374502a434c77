using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS.Model;
using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Tests.Support;
using Telemetry.Local.Emulators;

namespace Telemetry.Aws.Tests.EventBridge;

// The client against an implementation no one here wrote: moto's EventBridge, delivering through a rule to SQS.
public sealed class EventBridgeMotoTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("telemetry-moto-events-").FullName;
    private MotoServer? moto;

    private MotoServer Moto => moto ?? throw new InvalidOperationException("moto is not started");

    public async Task InitializeAsync() => moto = await MotoServer.StartAsync(folder);

    public async Task DisposeAsync()
    {
        if (moto is not null)
        {
            await moto.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task PublishAsync_BusWithRuleToQueue_EventsArriveInTheQueueWithTheirDetail()
    {
        using var sqs = LocalAws.Sqs(Moto.Endpoint);
        var queueUrl = (await sqs.CreateQueueAsync("alerts-check")).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;
        await ControlAsync("CreateEventBus", new { Name = "telemetry-alerts" });
        await ControlAsync("PutRule", new { Name = "alerts", EventBusName = "telemetry-alerts", EventPattern = """{"source":["telemetry.alerter"]}""" });
        await ControlAsync("PutTargets", new { Rule = "alerts", EventBusName = "telemetry-alerts", Targets = new[] { new { Id = "queue", Arn = queueArn } } });
        using var client = Client();
        var entries = Enumerable.Range(0, 12)
            .Select(n => new EventEntry("telemetry.alerter", "AlertRaised", $$"""{"episodeId":"e{{n}}"}"""))
            .Append(new EventEntry("someone.else", "Other", "{}"))
            .ToArray();

        var result = await Publishers.Create(client).PublishAsync("telemetry-alerts", entries);

        Assert.True(result.AllPublished, string.Join("; ", result.Failed.Select(f => f.ErrorCode)));
        var episodes = await Poll.UntilAsync(
            async () => await ReceiveEpisodesAsync(sqs, queueUrl),
            received => received.Count >= 12,
            TimeSpan.FromSeconds(30),
            "the rule to deliver the alerter's 12 events");
        Assert.Equal(Enumerable.Range(0, 12).Select(n => $"e{n}").Order(StringComparer.Ordinal), episodes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PutEventsAsync_BusThatDoesNotExist_ThrowsResourceNotFound()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<EventBridgeResourceNotFoundException>(
            () => client.PutEventsAsync("no-such-bus", [new EventEntry("telemetry.alerter", "AlertRaised", "{}")]));

        Assert.Contains("no-such-bus", error.Message, StringComparison.Ordinal);
    }

    private EventBridgeClient Client() => new(new EventBridgeClientOptions
    {
        ServiceUrl = Moto.Endpoint,
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("test", "test"),
        Environment = TestEnvironment.Empty,
    });

    private static async Task<List<string>> ReceiveEpisodesAsync(Amazon.SQS.IAmazonSQS sqs, string queueUrl)
    {
        var episodes = new List<string>();
        while (true)
        {
            var page = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            if (page.Messages is not { Count: > 0 })
            {
                return episodes;
            }

            foreach (var message in page.Messages)
            {
                using var envelope = JsonDocument.Parse(message.Body);
                Assert.Equal("telemetry.alerter", envelope.RootElement.GetProperty("source").GetString());
                episodes.Add(envelope.RootElement.GetProperty("detail").GetProperty("episodeId").GetString()!);
            }
        }
    }

    // Set-up calls our client does not make (it only publishes): moto takes them unsigned.
    private async Task ControlAsync(string operation, object body)
    {
        using var http = new HttpClient();
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, Moto.Endpoint) { Content = content };
        request.Headers.Add("X-Amz-Target", $"AWSEvents.{operation}");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
