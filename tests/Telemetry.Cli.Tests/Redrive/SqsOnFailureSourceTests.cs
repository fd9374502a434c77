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

    private async Task<List<string>> ReceiveBodiesAsync(string queue)
    {
        var response = await moto.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
        return [.. (response.Messages ?? []).Select(m => m.Body)];
    }
}
