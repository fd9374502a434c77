using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests.Integration;

[Collection(EmulatorsCollection.Name)]
public sealed class ControlEndpointTests(EmulatorsFixture emulators)
{
    [Fact]
    public async Task Put_ProfileWithLease_ActiveUntilTheLeaseRunsOutThenOff()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var proxy = await emulators.StartProxyAsync(Profiles.Shipped, "off", time: time);
        using var http = new HttpClient { BaseAddress = proxy.Endpoint(FaultUpstream.Kinesis) };

        using var put = await http.PutAsJsonAsync(FaultProxyServer.ControlPath, new { profile = "flaky", seed = 42, leaseSeconds = 60 });
        var during = await GetAsync(http);
        time.Advance(TimeSpan.FromSeconds(61));
        var after = await GetAsync(http);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("flaky", during.GetProperty("profile").GetString());
        Assert.Equal(42, during.GetProperty("seed").GetInt32());
        Assert.Equal(time.GetUtcNow().AddSeconds(-1), during.GetProperty("leaseExpiresAt").GetDateTimeOffset());
        Assert.Equal("off", after.GetProperty("profile").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("leaseExpiresAt").ValueKind);
    }

    [Fact]
    public async Task Get_AnyPort_ProfileSeedAndCountersPerUpstreamInCamelCase()
    {
        await using var proxy = await emulators.StartProxyAsync(Profiles.With("""{ "dynamodb": { "throttleRate": 1 } }"""), "test", seed: 5);
        using var dynamo = EmulatorsFixture.DynamoDb(proxy.Endpoint(FaultUpstream.DynamoDb));
        await Record.ExceptionAsync(() => dynamo.ListTablesAsync());
        using var http = new HttpClient { BaseAddress = proxy.Endpoint(FaultUpstream.DynamoDb) };

        var status = await GetAsync(http);

        Assert.Equal("test", status.GetProperty("profile").GetString());
        Assert.Equal(5, status.GetProperty("seed").GetInt32());
        var counters = status.GetProperty("upstreams").GetProperty("dynamodb").GetProperty("counters");
        Assert.Equal(1, counters.GetProperty("throttled").GetInt64());
        Assert.Equal(1, counters.GetProperty("calls").GetInt64());
        Assert.Equal(1, counters.GetProperty("operations").GetProperty("ListTables").GetInt64());
        Assert.Equal(0, status.GetProperty("upstreams").GetProperty("kinesis").GetProperty("counters").GetProperty("calls").GetInt64());
        Assert.Equal(proxy.Ports[FaultUpstream.Kinesis], status.GetProperty("upstreams").GetProperty("kinesis").GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task Put_UnknownProfile_400NamingTheKnownOnesAndNothingChanges()
    {
        await using var proxy = await emulators.StartProxyAsync(Profiles.Shipped, "off");
        using var http = new HttpClient { BaseAddress = proxy.Endpoint(FaultUpstream.Kinesis) };

        using var put = await http.PutAsJsonAsync(FaultProxyServer.ControlPath, new { profile = "flakey" });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("dynamodb-outage, flaky, off", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("off", (await GetAsync(http)).GetProperty("profile").GetString());
    }

    private static async Task<JsonElement> GetAsync(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri(FaultProxyServer.ControlPath, UriKind.Relative))).RootElement;
}
