using Amazon.SQS.Model;
using Telemetry.Cli.Commands.Redrive;
using Telemetry.Local.Emulators;

namespace Telemetry.Cli.Tests.Redrive;

[Trait("Category", "Integration")]
public sealed class SqsOnFailureSourceTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    [Fact]
    public async Task CompleteAsync_RunStoppedInsideAReceivedBatch_MakesEveryReceivedMessageVisibleAgain()
    {
        var queue = await moto.NewQueueAsync();
        var bodies = new[] { "{\"a\":1}", "{\"b\":2}", "{\"c\":3}" };
        foreach (var body in bodies)
        {
            await moto.Sqs.SendMessageAsync(queue, body);
        }

        var seen = new List<string>();
        await using (var source = new SqsOnFailureSource(LocalAws.Sqs(moto.Moto.Endpoint), queue))
        {
            // What an error while re-driving the first message does: the rest of its receive batch is never reached.
            await foreach (var pending in source.ReadAsync(CancellationToken.None))
            {
                seen.Add(pending.Text);
                break;
            }

            await source.CompleteAsync(CancellationToken.None);
        }

        Assert.Single(seen);
        Assert.Equal(bodies.Order(), (await ReceiveBodiesAsync(queue)).Order());
    }

    [Fact]
    public async Task CompleteAsync_ReceivedMessagesGoneMeanwhile_ReturnsAndStillReleasesTheOthers()
    {
        var queue = await moto.NewQueueAsync();
        await moto.Sqs.SendMessageAsync(queue, "{\"gone\":1}");
        var source = new SqsOnFailureSource(LocalAws.Sqs(moto.Moto.Endpoint), queue);
        await using (source)
        {
            await foreach (var pending in source.ReadAsync(CancellationToken.None))
            {
            }

            // Another reader took it once its visibility ran out (a run longer than the timeout): its receipt is dead.
            await moto.Sqs.PurgeQueueAsync(queue);
            await moto.Sqs.SendMessageAsync(queue, "{\"kept\":2}");
            await foreach (var pending in source.ReadAsync(CancellationToken.None))
            {
            }

            await source.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(["{\"kept\":2}"], await ReceiveBodiesAsync(queue));
    }

    private async Task<List<string>> ReceiveBodiesAsync(string queue)
    {
        var response = await moto.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
        return [.. (response.Messages ?? []).Select(m => m.Body)];
    }
}
