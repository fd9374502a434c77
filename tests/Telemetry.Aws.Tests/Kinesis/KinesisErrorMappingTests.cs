using System.Net;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.Kinesis;

public class KinesisErrorMappingTests
{
    [Theory]
    [InlineData("ResourceNotFoundException", typeof(KinesisResourceNotFoundException))]
    [InlineData("com.amazonaws.kinesis.v20131202#ResourceNotFoundException", typeof(KinesisResourceNotFoundException))]
    [InlineData("ResourceInUseException", typeof(KinesisResourceInUseException))]
    [InlineData("Kinesis_20131202#InvalidArgumentException", typeof(KinesisInvalidArgumentException))]
    [InlineData("ValidationException", typeof(KinesisInvalidArgumentException))]
    [InlineData("ExpiredIteratorException", typeof(KinesisExpiredIteratorException))]
    [InlineData("AccessDeniedException", typeof(KinesisAccessDeniedException))]
    [InlineData("UnrecognizedClientException", typeof(KinesisAccessDeniedException))]
    [InlineData("SomethingNewException", typeof(KinesisException))]
    public async Task SendAsync_NonRetryableErrorType_ThrowsTypedExceptionOnce(string type, Type expected)
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(
            HttpStatusCode.BadRequest,
            $$"""{"__type":"{{type}}","message":"went wrong"}""",
            ("x-amzn-RequestId", "req-123"));
        using var client = KinesisClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAnyAsync<KinesisException>(() => client.DescribeStreamSummaryAsync("s"));

        // Assert
        Assert.IsType(expected, error);
        Assert.Equal(type[(type.IndexOf('#') + 1)..], error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("req-123", error.RequestId);
        Assert.Contains("went wrong", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("ProvisionedThroughputExceededException", typeof(KinesisProvisionedThroughputExceededException))]
    [InlineData("com.amazonaws.kinesis#LimitExceededException", typeof(KinesisLimitExceededException))]
    [InlineData("KMSThrottlingException", typeof(KinesisKmsThrottlingException))]
    [InlineData("ThrottlingException", typeof(KinesisThrottlingException))]
    public async Task SendAsync_ThrottlingUntilRetriesRunOut_ThrowsThrottlingFamilyAfterEveryAttempt(string type, Type expected)
    {
        // Arrange
        var handler = new FakeHttpHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.Respond(HttpStatusCode.BadRequest, $$"""{"__type":"{{type}}","Message":"slow down"}""");
        }

        using var client = new KinesisClient(KinesisClients.Options(handler) with { MaxRetries = 2 });

        // Act
        var error = await Assert.ThrowsAnyAsync<KinesisThrottlingException>(() => client.DescribeStreamSummaryAsync("s"));

        // Assert
        Assert.IsType(expected, error);
        Assert.True(error.IsRetryable);
        Assert.Contains("slow down", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ErrorTypeHeader_WinsOverBodyAndDropsItsSuffix()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(
            HttpStatusCode.BadRequest,
            """{"__type":"SerializationException"}""",
            ("x-amzn-ErrorType", "ResourceInUseException:http://internal.amazon.com/coral/com.amazonaws.kinesis/"));
        using var client = KinesisClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<KinesisResourceInUseException>(() => client.CreateStreamAsync("s", 1));

        // Assert
        Assert.Equal("ResourceInUseException", error.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_NonJsonServerErrorBody_ThrowsRetryableGenericAfterRetries()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.BadGateway, "<html>bad gateway</html>")
            .Respond(HttpStatusCode.BadGateway, "<html>bad gateway</html>");
        using var client = new KinesisClient(KinesisClients.Options(handler) with { MaxRetries = 1 });

        // Act
        var error = await Assert.ThrowsAsync<KinesisException>(() => client.DescribeStreamSummaryAsync("s"));

        // Assert
        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.Equal(2, handler.Requests.Count);
    }
}
