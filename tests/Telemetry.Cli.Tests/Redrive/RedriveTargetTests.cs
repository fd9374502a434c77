using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Cli.Commands.Redrive;
using Telemetry.Local.Emulators;

namespace Telemetry.Cli.Tests.Redrive;

[Trait("Category", "Integration")]
public sealed class RedriveTargetTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    [Fact]
    public async Task ResolveAsync_AwsTargetWithQueueUrlOfAnotherServer_ReadsTheQueueAtThatServer()
    {
        var queue = await moto.NewQueueAsync();
        await moto.Sqs.SendMessageAsync(queue, "{\"not\":\"a record\"}");
        var settings = new RedriveCommand.Settings { Target = "aws", Queue = queue, DataDirectory = Path.Combine(moto.Directory, "no-stack") };
        var environment = new AwsClientEnvironment(
            name => name == AwsEnvironmentVariables.Region ? LocalAws.Region : null, () => null, () => LocalAws.Credentials);

        using var target = await RedriveTarget.ResolveAsync(settings, new PulumiProcess(), environment, CancellationToken.None);
        var read = new List<PendingInvocation>();
        await using (var source = target.Source!)
        {
            await foreach (var pending in source.ReadAsync(CancellationToken.None))
            {
                read.Add(pending);
            }

            await source.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(queue, target.Source!.Name);
        Assert.Equal(["{\"not\":\"a record\"}"], read.Select(p => p.Text));
    }
}
