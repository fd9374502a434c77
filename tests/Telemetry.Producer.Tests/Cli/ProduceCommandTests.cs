using System.Text.Json;
using Spectre.Console.Cli.Testing;
using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Producer.Cli;
using Telemetry.Producer.Tests.Fakes;

namespace Telemetry.Producer.Tests.Cli;

public class ProduceCommandTests
{
    [Theory]
    [InlineData("Devices must be a positive number", "--devices", "0")]
    [InlineData("Rate must be a positive number", "--rate", "-1")]
    [InlineData("not both", "--duration", "5s", "--readings", "10")]
    [InlineData("'5x' is not a duration", "--duration", "5x")]
    [InlineData("Unknown option", "--bogus")]
    public void Run_BadArguments_ExitCode2WithClearMessage(string message, params string[] args)
    {
        var client = new FakeKinesisClient();
        var tester = Tester(() => client);

        var result = tester.Run(args);

        Assert.Equal(ExitCodes.BadConfiguration, result.ExitCode);
        Assert.Contains(message, result.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public void Run_MissingRegion_ExitCode2WithTheClientsMessage()
    {
        var tester = Tester(() => throw new AwsConfigurationException("No AWS region: set AWS_REGION."));

        var result = tester.Run("--readings", "5", "--no-pace");

        Assert.Equal(ExitCodes.BadConfiguration, result.ExitCode);
        Assert.Contains("No AWS region: set AWS_REGION.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AllAcknowledged_ExitCode0AndOneJsonObject()
    {
        var client = new FakeKinesisClient();
        var tester = Tester(() => client);

        var result = tester.Run("--devices", "6", "--readings", "700", "--no-pace", "--json", "--stream", "telemetry-test");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(700, json.RootElement.GetProperty("sent").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("failed").GetInt64());
        Assert.Equal("telemetry-test", json.RootElement.GetProperty("stream").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("lastSequenceNumberByShard").EnumerateObject().Count());
        Assert.Equal(700, client.Accepted.Count);
    }

    [Fact]
    public void Run_SomeReadingsLost_ExitCode1()
    {
        var client = new FakeKinesisClient { FailEntry = (entry, _) => entry.PartitionKey == "thermostat-0001" ? "InternalFailure" : null };
        var tester = Tester(() => client, new ImmediateTimeProvider());

        var result = tester.Run("--devices", "3", "--readings", "30", "--no-pace", "--json");

        Assert.Equal(ExitCodes.ReadingsLost, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(10, json.RootElement.GetProperty("failed").GetInt64());
        Assert.Equal(20, json.RootElement.GetProperty("sent").GetInt64());
    }

    [Fact]
    public void Run_PrettyOutputRedirected_SummaryWithCounts()
    {
        var client = new FakeKinesisClient();
        var tester = Tester(() => client);

        var result = tester.Run("--devices", "3", "--readings", "30", "--no-pace");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Simulating 3 devices", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"sent\s+30", result.Output);
        Assert.Matches(@"failed\s+0", result.Output);
    }

    private static CommandAppTester Tester(Func<IKinesisClient> create, TimeProvider? time = null)
    {
        var tester = new CommandAppTester();
        tester.SetDefaultCommand<ProduceCommand>();
        tester.Configure(config => ProducerApp.Configure(config, tester.Console, new Factory(create), time ?? TimeProvider.System));
        return tester;
    }

    private sealed class Factory(Func<IKinesisClient> create) : IKinesisClientFactory
    {
        public IKinesisClient Create() => create();
    }
}
