using System.Text.Json;
using Amazon.SQS.Model;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Tests.Redrive;

/// <summary>
/// <c>redrive --queue URL</c> against moto's SQS: readings on the local stack's stream, Lambda's on-failure messages
/// for their ranges on the queue, as the deployed mapping would leave them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RedriveSqsQueueTests(SqsRedriveFixture stack) : IClassFixture<SqsRedriveFixture>
{
    private const int Readings = 5;

    [Fact]
    public async Task Redrive_QueueHoldsLambdaRecords_CountsEachReadingOnceDeletesThemAndTwiceChangesNothing()
    {
        var (device, queue) = await NewDeviceAndQueueAsync();
        var put = await PutReadingsAsync(device);
        // Two skipped batches, as bisection leaves them: one that exhausted its retries, one too old to deliver.
        await SendAsync(queue, await BodyAsync(put, 0, 2), await BodyAsync(put, 3, Readings - 1, recordAgeExceeded: true));

        var first = await RunJsonAsync("redrive", "--queue", queue, "--json", "--data-dir", stack.DataDirectory);
        var afterFirst = await CountAsync(device);
        var second = await RunJsonAsync("redrive", "--queue", queue, "--json", "--data-dir", stack.DataDirectory);

        Assert.Equal((0, 2, 2, Readings, Readings, 0, 0), (first.ExitCode, first.Int("batches"), first.Int("redriven"), first.Int("records"), first.Int("readings"), first.Int("malformed"), first.Int("failed")));
        Assert.Equal(queue, first.Json.GetProperty("source").GetString());
        Assert.Equal((Readings, Readings), afterFirst);
        Assert.Equal((0, 0, 0), (second.ExitCode, second.Int("batches"), second.Int("readings")));
        Assert.Equal(afterFirst, await CountAsync(device));
        Assert.Equal(0, await MessagesInAsync(queue));
    }

    [Fact]
    public async Task Redrive_SameRangeTwiceInTheQueue_CountsItOnceAndDeletesBoth()
    {
        var (device, queue) = await NewDeviceAndQueueAsync();
        var put = await PutReadingsAsync(device);
        var body = await BodyAsync(put, 0, Readings - 1);
        await SendAsync(queue, body, body);

        var result = await RunJsonAsync("redrive", "--queue", queue, "--json", "--data-dir", stack.DataDirectory);

        Assert.Equal((0, 2, 2 * Readings), (result.ExitCode, result.Int("redriven"), result.Int("records")));
        Assert.Equal((Readings, Readings), await CountAsync(device));
        Assert.Equal(0, await MessagesInAsync(queue));
    }

    [Fact]
    public async Task Redrive_DryRunOnQueue_ReportsAndLeavesEveryMessageVisible()
    {
        var (device, queue) = await NewDeviceAndQueueAsync();
        var put = await PutReadingsAsync(device);
        var body = await BodyAsync(put, 0, Readings - 1);
        await SendAsync(queue, body);

        var dryRun = await RunJsonAsync("redrive", "--queue", queue, "--dry-run", "--json", "--data-dir", stack.DataDirectory);

        Assert.Equal((0, true, 1, 1, Readings, 0), (dryRun.ExitCode, dryRun.Json.GetProperty("dryRun").GetBoolean(), dryRun.Int("batches"), dryRun.Int("redriven"), dryRun.Int("records"), dryRun.Int("readings")));
        Assert.Equal((0, 0), await CountAsync(device));
        // Visible again at once, not after the run's visibility timeout: the next run, or a real one, sees it.
        Assert.Equal([body], await ReceiveBodiesAsync(queue));
    }

    [Fact]
    public async Task Redrive_MalformedMessagesBesideAGoodOne_ReportsThemKeepsThemVisibleAndProcessesTheGoodOne()
    {
        var (device, queue) = await NewDeviceAndQueueAsync();
        var put = await PutReadingsAsync(device);
        var good = await BodyAsync(put, 0, Readings - 1);
        const string truncated = """{"requestContext":{"condition":"RetryAttemptsExhausted"},"KinesisBatchInfo":{"shardId":""";
        const string notKinesis = """{"requestContext":{"condition":"RetryAttemptsExhausted"},"DDBStreamBatchInfo":{"shardId":"s"}}""";
        await SendAsync(queue, truncated, good, notKinesis);

        var result = await RunJsonAsync("redrive", "--queue", queue, "--json", "--data-dir", stack.DataDirectory);
        var (exitCode, output) = await CliRunner.RunAsync("redrive", "--queue", queue, "--data-dir", stack.DataDirectory);

        Assert.Equal((1, 1, 1, 2), (result.ExitCode, result.Int("batches"), result.Int("redriven"), result.Int("malformed")));
        var problems = result.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("problem").GetString()!).Order().ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains("not JSON", problems[1], StringComparison.Ordinal);
        Assert.Contains("no KinesisBatchInfo", problems[0], StringComparison.Ordinal);
        Assert.Equal((Readings, Readings), await CountAsync(device));
        Assert.Equal(1, exitCode);
        Assert.True(output.Contains("not an invocation record", StringComparison.Ordinal), output);
        Assert.Equal(new[] { notKinesis, truncated }.Order(), (await ReceiveBodiesAsync(queue)).Order());
    }

    private async Task<(string Device, string QueueUrl)> NewDeviceAndQueueAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var queue = await stack.Sqs.CreateQueueAsync($"telemetry-aggregator-failures-{id}");
        return ($"redrive-sqs-{id}", queue.QueueUrl);
    }

    private async Task<PutRecordsResult> PutReadingsAsync(string device)
    {
        using var kinesis = LocalClients.Kinesis(stack.State.Endpoint(EmulatorKind.Kinesis));
        var now = DateTimeOffset.UtcNow;
        var entries = Enumerable.Range(1, Readings)
            .Select(i => new PutRecordsEntry(ReadingCodec.Encode(Reading(device, now.AddSeconds(-i), i)), device))
            .ToList();
        var put = await kinesis.PutRecordsAsync(stack.State.StreamName, entries);
        Assert.Equal(0, put.FailedRecordCount);
        return put;
    }

    private async Task<string> BodyAsync(PutRecordsResult put, int first, int last, bool recordAgeExceeded = false)
    {
        using var kinesis = LocalClients.Kinesis(stack.State.Endpoint(EmulatorKind.Kinesis));
        var arn = (await kinesis.DescribeStreamSummaryAsync(stack.State.StreamName)).StreamArn;
        return LambdaOnFailureMessage.Body(
            put.Entries[first].ShardId!, put.Entries[first].SequenceNumber!, put.Entries[last].SequenceNumber!, last - first + 1, arn, recordAgeExceeded);
    }

    private async Task SendAsync(string queue, params string[] bodies)
    {
        foreach (var body in bodies)
        {
            await stack.Sqs.SendMessageAsync(queue, body);
        }
    }

    private async Task<int> MessagesInAsync(string queue)
    {
        var attributes = await stack.Sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return attributes.Attributes.Values.Sum(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<List<string>> ReceiveBodiesAsync(string queue)
    {
        var response = await stack.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
        return [.. (response.Messages ?? []).Select(m => m.Body)];
    }

    private static Reading Reading(string device, DateTimeOffset timestamp, long sequence) =>
        new(ReadingSchema.CurrentVersion, device, "thermostat", "site-a", timestamp, sequence, new Dictionary<string, double> { ["temp"] = sequence });

    private async Task<(long Minute, long Hour)> CountAsync(string device)
    {
        using var dynamo = LocalAws.DynamoDb(stack.State.EmulatorEndpoint(EmulatorKind.DynamoDb));
        var reader = new RollupReader(dynamo, stack.State.TableName);
        return (await reader.CountReadingsAsync(Resolution.Minute, device, CancellationToken.None),
            await reader.CountReadingsAsync(Resolution.Hour, device, CancellationToken.None));
    }

    private static async Task<JsonResult> RunJsonAsync(params string[] args)
    {
        var (exitCode, output) = await CliRunner.RunAsync(args);
        try
        {
            return new JsonResult(exitCode, JsonDocument.Parse(output).RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"--json printed something that is not one JSON object ({e.Message}):\n{output}");
        }
    }

    private sealed record JsonResult(int ExitCode, JsonElement Json)
    {
        public int Int(string name) => Json.GetProperty(name).GetInt32();
    }
}
