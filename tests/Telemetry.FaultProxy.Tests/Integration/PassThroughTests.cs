using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests.Integration;

[Collection(EmulatorsCollection.Name)]
public sealed class PassThroughTests(EmulatorsFixture emulators)
{
    [Theory]
    [InlineData(FaultUpstream.DynamoDb, "DynamoDB_20120810.ListTables", "application/x-amz-json-1.0", """{"Limit":5}""")]
    [InlineData(FaultUpstream.Kinesis, "Kinesis_20131202.ListStreams", "application/x-amz-json-1.1", """{"Limit":5}""")]
    public async Task OtherCalls_UnderFlaky_AnswerByteIdenticalToTheEmulator(FaultUpstream upstream, string target, string contentType, string body)
    {
        // Flaky leaves Kinesis calls other than PutRecords alone; DynamoDB calls it does not fault reach dynalite as they are.
        await using var proxy = await emulators.StartProxyAsync(Profiles.Shipped, upstream == FaultUpstream.Kinesis ? "flaky" : "off");
        using var http = new HttpClient();
        var direct = upstream == FaultUpstream.Kinesis ? emulators.KinesisEndpoint : emulators.DynamoDbEndpoint;

        var (directStatus, directBody) = await CallAsync(http, direct, target, contentType, body);
        var (proxiedStatus, proxiedBody) = await CallAsync(http, proxy.Endpoint(upstream), target, contentType, body);

        Assert.Equal(HttpStatusCode.OK, directStatus);
        Assert.Equal(directStatus, proxiedStatus);
        Assert.Equal(directBody, proxiedBody);
    }

    [Fact]
    public async Task AnyRequest_Off_MethodPathHeadersAndBodiesForwardedUnchanged()
    {
        Seen? seen = null;
        byte[] answer = [0, 1, 2, 255, 10, 13];
        await using var upstream = await RecordingUpstreamAsync(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            seen = new Seen(
                context.Request.Method,
                context.Features.Get<IHttpRequestFeature>()!.RawTarget,
                context.Request.Headers["X-Custom"].ToString(),
                context.Request.Headers.Host.ToString(),
                buffer.ToArray());
            context.Response.StatusCode = 418;
            context.Response.Headers["X-Upstream"] = "yes";
            await context.Response.Body.WriteAsync(answer);
        });
        var options = new FaultProxyOptions(new Dictionary<FaultUpstream, UpstreamEndpoint> { [FaultUpstream.DynamoDb] = new(upstream.Url, 0) });
        await using var proxy = await FaultProxyServer.StartAsync(options, new FaultControl(Profiles.Shipped, TimeProvider.System, "off", 1), TimeProvider.System);
        using var http = new HttpClient();
        byte[] sent = [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31))];
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(proxy.Endpoint(FaultUpstream.DynamoDb), "/some/path?a=1&b=%2F%20x")) { Content = new ByteArrayContent(sent) };
        request.Headers.Add("X-Custom", "value, with comma");

        using var response = await http.SendAsync(request);

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Upstream").Single());
        Assert.Equal(answer, await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(seen);
        Assert.Equal("PATCH", seen.Method);
        Assert.Equal("/some/path?a=1&b=%2F%20x", seen.RawTarget);
        Assert.Equal("value, with comma", seen.Custom);
        Assert.Equal(proxy.Endpoint(FaultUpstream.DynamoDb).Authority, seen.Host);
        Assert.Equal(sent, seen.Body);
    }

    private static async Task<(HttpStatusCode Status, byte[] Body)> CallAsync(HttpClient http, Uri endpoint, string target, string contentType, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=S3RVER/20250101/us-east-1/x/aws4_request, SignedHeaders=host, Signature=00");
        request.Headers.Add("X-Amz-Date", "20250101T000000Z");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<RecordingUpstream> RecordingUpstreamAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return new RecordingUpstream(app);
    }

    private sealed record Seen(string Method, string RawTarget, string Custom, string Host, byte[] Body);

    private sealed class RecordingUpstream(WebApplication app) : IAsyncDisposable
    {
        public Uri Url => new(app.Urls.Single());

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
