using System.Net;
using System.Text.Json;
using Telemetry.Aws.CloudWatch;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.CloudWatch;

public class CloudWatchClientProtocolTests
{
    private const string Region = "eu-west-1";
    private static readonly Uri Endpoint = new("http://monitoring.test:4582/");
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly MetricQuery Accepted = new(
        "m0", "Telemetry", "ReadingsAccepted", new Dictionary<string, string> { ["Function"] = "telemetry-aggregator-1a2b" }, TimeSpan.FromHours(1), "Sum");

    [Fact]
    public async Task GetMetricDataAsync_OneQuery_PostsSignedJson10WithTheQueryAndEpochTimes()
    {
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, """{"MetricDataResults":[{"Id":"m0","Label":"x","Timestamps":[1796119200.0],"Values":[42.0],"StatusCode":"Complete"}],"Messages":[]}""");
        using var client = Create(handler);

        var results = await client.GetMetricDataAsync([Accepted], Start, Start.AddHours(2));

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("GraniteServiceVersion20100801.GetMetricData", request.Target);
        Assert.StartsWith("application/x-amz-json-1.0", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains($"/{Region}/monitoring/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(Start.ToUnixTimeSeconds(), root.GetProperty("StartTime").GetDecimal());
        Assert.Equal(Start.AddHours(2).ToUnixTimeSeconds(), root.GetProperty("EndTime").GetDecimal());
        Assert.False(root.TryGetProperty("NextToken", out _));
        var query = Assert.Single(root.GetProperty("MetricDataQueries").EnumerateArray());
        Assert.Equal("m0", query.GetProperty("Id").GetString());
        var stat = query.GetProperty("MetricStat");
        Assert.Equal(3600, stat.GetProperty("Period").GetInt32());
        Assert.Equal("Sum", stat.GetProperty("Stat").GetString());
        var metric = stat.GetProperty("Metric");
        Assert.Equal("Telemetry", metric.GetProperty("Namespace").GetString());
        Assert.Equal("ReadingsAccepted", metric.GetProperty("MetricName").GetString());
        var dimension = Assert.Single(metric.GetProperty("Dimensions").EnumerateArray());
        Assert.Equal("Function", dimension.GetProperty("Name").GetString());
        Assert.Equal("telemetry-aggregator-1a2b", dimension.GetProperty("Value").GetString());

        var series = Assert.Single(results);
        Assert.True(series.Complete);
        Assert.Equal([new MetricDatapoint(DateTimeOffset.FromUnixTimeSeconds(1796119200), 42)], series.Points);
    }

    [Fact]
    public async Task GetMetricDataAsync_TwoPages_FollowsTheTokenAndJoinsEachQuerysPointsOldestFirst()
    {
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.OK, """{"MetricDataResults":[{"Id":"m0","Timestamps":[1796122800],"Values":[2],"StatusCode":"PartialData"},{"Id":"m1","Timestamps":[],"Values":[],"StatusCode":"PartialData"}],"NextToken":"page-2"}""")
            .Respond(HttpStatusCode.OK, """{"MetricDataResults":[{"Id":"m0","Timestamps":[1796119200],"Values":[1],"StatusCode":"Complete"},{"Id":"m1","Timestamps":[1796119200],"Values":[7],"StatusCode":"PartialData"}]}""");
        using var client = Create(handler);
        var second = Accepted with { Id = "m1", MetricName = "RecordsRejected" };

        var results = await client.GetMetricDataAsync([Accepted, second], Start, Start.AddHours(2));

        Assert.Equal(2, handler.Requests.Count);
        using var page2 = JsonDocument.Parse(handler.Requests[1].Body);
        Assert.Equal("page-2", page2.RootElement.GetProperty("NextToken").GetString());
        Assert.Equal(["m0", "m1"], results.Select(r => r.Id));
        Assert.Equal([1d, 2d], results[0].Points.Select(p => p.Value));
        Assert.True(results[0].Complete);
        Assert.False(results[1].Complete);
    }

    [Fact]
    public async Task GetMetricDataAsync_AccessDenied_ThrowsTypedWithoutRetrying()
    {
        var handler = new FakeHttpHandler().Respond(
            HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.cloudwatch#AccessDeniedException","message":"User is not authorized to perform: cloudwatch:GetMetricData"}""");
        using var client = Create(handler);

        var error = await Assert.ThrowsAsync<CloudWatchAccessDeniedException>(() => client.GetMetricDataAsync([Accepted], Start, Start.AddHours(1)));

        Assert.Single(handler.Requests);
        Assert.Contains("cloudwatch:GetMetricData", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetricDataAsync_AnswerForAQueryNotAsked_ThrowsInsteadOfDroppingIt()
    {
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, """{"MetricDataResults":[{"Id":"zz","Timestamps":[1],"Values":[1],"StatusCode":"Complete"}]}""");
        using var client = Create(handler);

        var error = await Assert.ThrowsAsync<CloudWatchException>(() => client.GetMetricDataAsync([Accepted], Start, Start.AddHours(1)));

        Assert.Contains("'zz'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("M0")]
    [InlineData("0m")]
    [InlineData("m-0")]
    public async Task GetMetricDataAsync_IdCloudWatchRefuses_ThrowsBeforeSending(string id)
    {
        var handler = new FakeHttpHandler();
        using var client = Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetMetricDataAsync([Accepted with { Id = id }], Start, Start.AddHours(1)));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetMetricDataAsync_PeriodNotWholeMinutes_ThrowsBeforeSending()
    {
        using var client = Create(new FakeHttpHandler());

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetMetricDataAsync([Accepted with { Period = TimeSpan.FromSeconds(90) }], Start, Start.AddHours(1)));
    }

    private static CloudWatchClient Create(HttpMessageHandler handler) =>
        new(StubbedOptions.For(new CloudWatchClientOptions(), handler, Endpoint, Region));
}
