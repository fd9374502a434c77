using Telemetry.Aws;
using Telemetry.Aws.Pulumi;

namespace Telemetry.Cli.Tests.Pulumi;

public sealed class PulumiStackOutputsTests
{
    // The shape 'pulumi stack output --json' prints, with the extra outputs a stack may carry.
    private const string SampleOutputs = """
        {
          "aggregatorFunctionName": "telemetry-aggregator-3f9a1c2",
          "bucketName": "telemetry-archive-8d2e4b1",
          "busName": "telemetry-alerts-77ac0e1",
          "region": "eu-west-1",
          "streamName": "telemetry-5b1c9d0",
          "tableName": "telemetry-rollups-a1b2c3d",
          "shardCount": 2
        }
        """;

    [Fact]
    public void Parse_SampleOutputs_ReadsNamesAndRegion()
    {
        var outputs = PulumiStackOutputs.Parse(SampleOutputs, "dev");

        Assert.Equal(
            new PulumiStackOutputs("telemetry-5b1c9d0", "telemetry-rollups-a1b2c3d", "telemetry-archive-8d2e4b1", "telemetry-alerts-77ac0e1", "eu-west-1"),
            outputs);
    }

    [Fact]
    public void Parse_FunctionNamesOutput_ReadsEachFunctionByKey()
    {
        var json = SampleOutputs.Replace("\"shardCount\": 2", "\"functionNames\": { \"aggregator\": \"dev-aggregator\", \"odd\": 3 }", StringComparison.Ordinal);

        var outputs = PulumiStackOutputs.Parse(json, "dev");

        Assert.Equal(new Dictionary<string, string> { ["aggregator"] = "dev-aggregator" }, outputs.FunctionNames);
    }

    [Fact]
    public void Parse_ScheduledFunctionNamesOutput_ReadsThemApartFromTheStreamFunctions()
    {
        var json = SampleOutputs.Replace(
            "\"shardCount\": 2",
            "\"functionNames\": { \"aggregator\": \"dev-aggregator\" }, \"scheduledFunctionNames\": { \"watchdog\": \"dev-watchdog\" }",
            StringComparison.Ordinal);

        var outputs = PulumiStackOutputs.Parse(json, "dev");

        Assert.Equal(new Dictionary<string, string> { ["watchdog"] = "dev-watchdog" }, outputs.ScheduledFunctionNames);
        Assert.Equal(["aggregator"], outputs.FunctionNames.Keys);
        Assert.Empty(PulumiStackOutputs.Parse(SampleOutputs, "dev").ScheduledFunctionNames);
    }

    [Fact]
    public void Parse_OutputsMissingOrNotStrings_FailsListingEachOne()
    {
        const string json = """{ "streamName": "s", "tableName": "", "bucketName": 3, "region": "us-east-1" }""";

        var error = Assert.Throws<AwsConfigurationException>(() => PulumiStackOutputs.Parse(json, "dev"));

        Assert.Contains("Pulumi stack 'dev' has no string output tableName, bucketName, busName;", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("warning: something\n{", "not JSON")]
    public void Parse_NotAnObject_FailsNamingTheStack(string text, string expected)
    {
        var error = Assert.Throws<AwsConfigurationException>(() => PulumiStackOutputs.Parse(text, "prod"));

        Assert.Contains("stack 'prod'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Success_RunsStackOutputJsonForTheStackInTheFolder()
    {
        var pulumi = FakePulumi.Printing(SampleOutputs);

        var outputs = await PulumiStackOutputs.ReadAsync(pulumi, "dev", "/repo", CancellationToken.None);

        var call = Assert.Single(pulumi.Calls);
        Assert.Equal(["stack", "output", "--json", "--stack", "dev"], call.Arguments);
        Assert.Equal("/repo", call.WorkingDirectory);
        Assert.Equal("telemetry-rollups-a1b2c3d", outputs.TableName);
    }

    [Fact]
    public async Task ReadAsync_PulumiFails_PassesItsErrorThrough()
    {
        var pulumi = FakePulumi.Failing(255, "error: no stack named 'nope' found\n");

        var error = await Assert.ThrowsAsync<AwsConfigurationException>(
            () => PulumiStackOutputs.ReadAsync(pulumi, "nope", "/repo", CancellationToken.None));

        Assert.Contains("exit code 255", error.Message, StringComparison.Ordinal);
        Assert.Contains("error: no stack named 'nope' found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PulumiProcess_ExecutableMissing_SaysToInstallPulumiOrUseTheVariables()
    {
        var pulumi = new PulumiProcess($"pulumi-missing-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<AwsConfigurationException>(
            () => pulumi.RunAsync(["version"], Path.GetTempPath(), CancellationToken.None));

        Assert.Contains("drop --stack and name the resources yourself with AWS_REGION and TELEMETRY_STREAM", error.Message, StringComparison.Ordinal);
    }
}
