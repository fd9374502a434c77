using System.Text;
using Telemetry.Aws.Kinesis;
using Telemetry.Local.Emulators;
using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests.Integration;

[Collection(EmulatorsCollection.Name)]
public sealed class KinesisFaultTests(EmulatorsFixture emulators)
{
    private static List<PutRecordsEntry> Entries(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PutRecordsEntry(Encoding.UTF8.GetBytes($"record-{i}"), $"device-{i}"))];

    [Fact]
    public async Task PutRecords_EntryFailures_FailedEntriesComeBackAsErrorsAndOnlySurvivorsReachTheStream()
    {
        var stream = await emulators.CreateActiveStreamAsync();
        await using var proxy = await emulators.StartProxyAsync(Profiles.With("""{ "kinesis": { "entryFailureRate": 0.4 } }"""), "test", seed: 17);
        using var client = LocalClients.Kinesis(proxy.Endpoint(FaultUpstream.Kinesis), maxRetries: 0);

        var result = await client.PutRecordsAsync(stream, Entries(40));

        var failed = result.Entries.Where(e => !e.Succeeded).ToList();
        var survivors = result.Entries.Select((e, i) => (e, i)).Where(x => x.e.Succeeded).Select(x => $"record-{x.i}").ToList();
        var onStream = (await emulators.ReadAllAsync(stream)).Select(r => Encoding.UTF8.GetString(r.Data.Span)).ToList();
        Assert.Equal(40, result.Entries.Count);
        Assert.Equal(failed.Count, result.FailedRecordCount);
        Assert.InRange(failed.Count, 1, 39);
        Assert.All(failed, e => Assert.Contains(e.ErrorCode, new[] { "ProvisionedThroughputExceededException", "InternalFailure" }));
        Assert.All(failed, e => Assert.False(string.IsNullOrEmpty(e.ErrorMessage)));
        Assert.All(result.Entries.Where(e => e.Succeeded), e => Assert.NotNull(e.SequenceNumber));
        Assert.Equal(survivors, onStream);
        Assert.Equal(failed.Count, proxy.Status().Upstreams["kinesis"].Counters.FailedEntries);
    }

    [Fact]
    public async Task PutRecords_EveryEntryFails_NothingIsForwarded()
    {
        var stream = await emulators.CreateActiveStreamAsync();
        await using var proxy = await emulators.StartProxyAsync(Profiles.With("""{ "kinesis": { "entryFailureRate": 1 } }"""), "test");
        using var client = LocalClients.Kinesis(proxy.Endpoint(FaultUpstream.Kinesis), maxRetries: 0);

        var result = await client.PutRecordsAsync(stream, Entries(5));

        Assert.Equal(5, result.FailedRecordCount);
        Assert.All(result.Entries, e => Assert.False(e.Succeeded));
        Assert.Empty(await emulators.ReadAllAsync(stream));
    }

    [Fact]
    public async Task PutRecords_ResponseDropped_RecordsOnStreamWhileClientSawAnError()
    {
        var stream = await emulators.CreateActiveStreamAsync();
        await using var proxy = await emulators.StartProxyAsync(Profiles.With("""{ "kinesis": { "operations": ["PutRecords"], "dropResponseRate": 1 } }"""), "test");
        using var client = LocalClients.Kinesis(proxy.Endpoint(FaultUpstream.Kinesis), maxRetries: 0);

        var error = await Record.ExceptionAsync(() => client.PutRecordsAsync(stream, Entries(3)));

        Assert.True(error is HttpRequestException or IOException, $"expected a transport failure, got {error}");
        Assert.Equal(["record-0", "record-1", "record-2"], (await emulators.ReadAllAsync(stream)).Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        Assert.Equal(1, proxy.Status().Upstreams["kinesis"].Counters.DroppedResponses);
    }

    [Fact]
    public async Task PutRecords_ClientRetriesADroppedResponse_DuplicateOnStream()
    {
        var stream = await emulators.CreateActiveStreamAsync();
        await using var proxy = await emulators.StartProxyAsync(Profiles.With("""{ "kinesis": { "operations": ["PutRecords"], "dropResponseRate": 1 } }"""), "test");
        using var client = LocalClients.Kinesis(proxy.Endpoint(FaultUpstream.Kinesis), maxRetries: 0);
        await Record.ExceptionAsync(() => client.PutRecordsAsync(stream, Entries(1)));
        proxy.Control.Set("off", 1, lease: null);

        var retry = await client.PutRecordsAsync(stream, Entries(1));

        Assert.Equal(0, retry.FailedRecordCount);
        Assert.Equal(["record-0", "record-0"], (await emulators.ReadAllAsync(stream)).Select(r => Encoding.UTF8.GetString(r.Data.Span)));
    }

    [Fact]
    public async Task PutRecords_Throttled_ProvisionedThroughputExceededAndNothingWritten()
    {
        var stream = await emulators.CreateActiveStreamAsync();
        await using var proxy = await emulators.StartProxyAsync(Profiles.With("""{ "kinesis": { "throttleRate": 1 } }"""), "test");
        using var client = LocalClients.Kinesis(proxy.Endpoint(FaultUpstream.Kinesis), maxRetries: 0);

        var error = await Assert.ThrowsAsync<KinesisProvisionedThroughputExceededException>(() => client.PutRecordsAsync(stream, Entries(2)));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.Empty(await emulators.ReadAllAsync(stream));
    }

    [Fact]
    public async Task DescribeStreamSummary_ServerErrors_RetryableKinesisExceptionWith5xx()
    {
        var stream = await emulators.CreateActiveStreamAsync();
        await using var proxy = await emulators.StartProxyAsync(Profiles.With("""{ "kinesis": { "serverErrorRate": 1 } }"""), "test", seed: 4);
        using var client = LocalClients.Kinesis(proxy.Endpoint(FaultUpstream.Kinesis), maxRetries: 0);

        var errors = new List<KinesisException>();
        for (var i = 0; i < 12; i++)
        {
            errors.Add(await Assert.ThrowsAnyAsync<KinesisException>(() => client.DescribeStreamSummaryAsync(stream)));
        }

        Assert.All(errors, e => Assert.True(e.IsRetryable));
        Assert.Equal(["InternalFailure:500", "ServiceUnavailable:503"], errors.Select(e => $"{e.ErrorCode}:{(int)e.StatusCode}").Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(12, proxy.Status().Upstreams["kinesis"].Counters.ServerErrors);
    }

    [Fact]
    public async Task PutRecords_ManyConcurrentClientsPassThrough_EveryRecordArrives()
    {
        var stream = await emulators.CreateActiveStreamAsync();
        await using var proxy = await emulators.StartProxyAsync(Profiles.Shipped, "off");
        using var client = LocalClients.Kinesis(proxy.Endpoint(FaultUpstream.Kinesis), maxRetries: 0);

        var puts = Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var call = 0; call < 10; call++)
            {
                var entries = Enumerable.Range(0, 5).Select(i => new PutRecordsEntry(Encoding.UTF8.GetBytes($"{worker}-{call}-{i}"), $"k{worker}")).ToList();
                var result = await client.PutRecordsAsync(stream, entries);
                Assert.Equal(0, result.FailedRecordCount);
            }
        });
        await Task.WhenAll(puts);

        Assert.Equal(400, (await emulators.ReadAllAsync(stream)).Select(r => Encoding.UTF8.GetString(r.Data.Span)).Distinct().Count());
        Assert.Equal(80, proxy.Status().Upstreams["kinesis"].Counters.Calls);
    }
}
