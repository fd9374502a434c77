using Amazon.Runtime;
using Telemetry.Aws;
using Telemetry.Cli.Commands;
using Telemetry.Cli.Commands.Query;

namespace Telemetry.Cli.Tests.Pulumi;

public sealed class StackTargetTests
{
    private const string Outputs = """
        {"streamName":"tel-stream-1","tableName":"tel-rollups-1","bucketName":"tel-archive-1","busName":"tel-bus-1","region":"ap-southeast-2"}
        """;

    // No variables, no SDK region, fixed keys: nothing of the machine running the test leaks in.
    private static readonly AwsClientEnvironment Isolated = new(
        _ => null, () => null, () => new BasicAWSCredentials("test-key", "test-secret"));

    // The region the target's client is built for (building a client makes no call).
    private static string RegionOf(PipelineTarget target)
    {
        using var client = target.DynamoDb();
        return client.Config.RegionEndpoint.SystemName;
    }

    [Fact]
    public async Task ResolveAsync_Stack_TargetsAwsWithTheStacksTableAndRegion()
    {
        var settings = new QueryRollupsCommand.Settings { Device = "d-1", Stack = "dev" };

        var target = await PipelineTarget.ResolveAsync(settings, FakePulumi.Printing(Outputs), Isolated, CancellationToken.None);

        Assert.Equal(("aws, stack dev", "tel-rollups-1", "ap-southeast-2"), (target.Name, target.TableName, RegionOf(target)));
    }

    [Fact]
    public async Task ResolveAsync_Stack_ReadsTheArchiveFromTheStacksBucketAndRegion()
    {
        var settings = new Telemetry.Cli.Commands.Archive.ArchiveCatCommand.Settings { Stack = "dev" };

        var target = await PipelineTarget.ResolveAsync(settings, FakePulumi.Printing(Outputs), Isolated, CancellationToken.None);
        using var s3 = target.S3();

        Assert.Equal(("tel-archive-1", "ap-southeast-2"), (target.BucketName, s3.Config.RegionEndpoint.SystemName));
    }

    [Fact]
    public async Task ResolveAsync_StackWithAwsVariablesSet_StackRegionWins()
    {
        var environment = Isolated with { Variable = name => name == "AWS_REGION" ? "us-west-2" : null };

        var target = await PipelineTarget.ResolveAsync(
            new QueryRollupsCommand.Settings { Device = "d-1", Stack = "dev" }, FakePulumi.Printing(Outputs), environment, CancellationToken.None);

        Assert.Equal("ap-southeast-2", RegionOf(target));
    }

    [Fact]
    public async Task ResolveAsync_NoStack_NeverRunsPulumi()
    {
        var pulumi = FakePulumi.Printing(Outputs);
        var environment = Isolated with { Variable = name => name == "AWS_REGION" ? "us-west-2" : null };

        var target = await PipelineTarget.ResolveAsync(
            new QueryRollupsCommand.Settings { Device = "d-1", Target = "aws" }, pulumi, environment, CancellationToken.None);

        Assert.Empty(pulumi.Calls);
        Assert.Equal(("aws", "us-west-2"), (target.Name, RegionOf(target)));
    }

    [Fact]
    public async Task QueryRollups_StackNotFound_ExitsTwoWithPulumisMessage()
    {
        var pulumi = FakePulumi.Failing(255, "error: no stack named 'staging' found");

        var (exitCode, output) = await CliRunner.RunAsync(pulumi, "query", "rollups", "--device", "d-1", "--stack", "staging");

        Assert.Equal(2, exitCode);
        Assert.Contains("no stack named 'staging' found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryRollups_StackMissingOutputs_ExitsTwoNamingThem()
    {
        var pulumi = FakePulumi.Printing("""{"streamName":"s","tableName":"t"}""");

        var (exitCode, output) = await CliRunner.RunAsync(pulumi, "query", "rollups", "--device", "d-1", "--stack", "dev");

        Assert.Equal(2, exitCode);
        Assert.Contains("bucketName, busName, region", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--target", "local", "cannot be combined with --target local")]
    [InlineData("--target", "cloud", "--target must be auto, local or aws")]
    public async Task QueryRollups_StackWithBadTarget_ExitsTwoWithoutRunningPulumi(string flag, string value, string expected)
    {
        var pulumi = FakePulumi.Printing(Outputs);

        var (exitCode, output) = await CliRunner.RunAsync(pulumi, "query", "rollups", "--device", "d-1", "--stack", "dev", flag, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Empty(pulumi.Calls);
    }
}
