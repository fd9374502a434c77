using System.Net;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.Kinesis;

public class KinesisRetryTests
{
    private const string Summary = """
        {"StreamDescriptionSummary":{"StreamName":"s","StreamARN":"arn","StreamStatus":"ACTIVE","OpenShardCount":1,"RetentionPeriodHours":24}}
        """;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendAsync_ServerErrorThenSuccess_RetriesAndReturnsResult()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.InternalServerError, """{"__type":"InternalFailure"}""")
            .Respond(HttpStatusCode.OK, Summary);
        using var client = KinesisClients.Create(handler);

        // Act
        var summary = await client.DescribeStreamSummaryAsync("s");

        // Assert
        Assert.Equal("ACTIVE", summary.StreamStatus);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
    }

    [Fact]
    public async Task SendAsync_ValidationError_IsNotRetried()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.BadRequest, """{"__type":"ValidationException","message":"1 validation error"}""")
            .Respond(HttpStatusCode.OK, Summary);
        using var client = KinesisClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<KinesisInvalidArgumentException>(() => client.DescribeStreamSummaryAsync("s"));

        // Assert
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task SendAsync_TransportFailureThenSuccess_Retries()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Throw(new HttpRequestException("connection refused"))
            .Respond(HttpStatusCode.OK, Summary);
        using var client = KinesisClients.Create(handler);

        // Act
        var summary = await client.DescribeStreamSummaryAsync("s");

        // Assert
        Assert.Equal("s", summary.StreamName);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_TransportFailureEveryTime_RethrowsAfterMaxRetries()
    {
        // Arrange
        var handler = new FakeHttpHandler();
        for (var i = 0; i < 4; i++)
        {
            handler.Throw(new HttpRequestException("connection refused"));
        }

        using var client = new KinesisClient(KinesisClients.Options(handler) with { MaxRetries = 3 });

        // Act
        var act = () => client.DescribeStreamSummaryAsync("s");

        // Assert
        await Assert.ThrowsAsync<HttpRequestException>(act);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ThrottledTwice_WaitsJitteredExponentialDelaysOnTheInjectedClock()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.BadRequest, """{"__type":"ProvisionedThroughputExceededException"}""")
            .Respond(HttpStatusCode.BadRequest, """{"__type":"LimitExceededException"}""")
            .Respond(HttpStatusCode.OK, Summary);
        var time = new TimerRecordingTimeProvider();
        using var client = new KinesisClient(KinesisClients.Options(handler) with { TimeProvider = time, Jitter = new FixedRandom(0.5, 0.25) });

        // Act
        var call = client.DescribeStreamSummaryAsync("s");
        var firstDelay = await time.NextTimerAsync(Deadline);
        time.Advance(firstDelay - TimeSpan.FromTicks(1));
        var requestsBeforeDue = handler.Requests.Count;
        time.Advance(TimeSpan.FromTicks(1));
        var secondDelay = await time.NextTimerAsync(Deadline);
        time.Advance(secondDelay);
        var summary = await call.WaitAsync(Deadline);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(50), firstDelay); // 0.5 × 100 ms × 2^0
        Assert.Equal(TimeSpan.FromMilliseconds(50), secondDelay); // 0.25 × 100 ms × 2^1
        Assert.Equal(1, requestsBeforeDue);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("ACTIVE", summary.StreamStatus);
    }
}
