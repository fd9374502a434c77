using System.Text.Json;
using Spectre.Console.Cli.Testing;
using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;
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
    [InlineData("'5' is not a duration", "--duration", "5")]
    [InlineData("Unknown option", "--bogus")]
    [InlineData("--duplicates must be a fraction between 0 and 1", "--duplicates", "1.5")]
    [InlineData("--poison must be a fraction between 0 and 1", "--poison", "NaN")]
    [InlineData("--too-late must be a fraction between 0 and 1", "--too-late", "-0.1")]
    [InlineData("--late plus --too-late must not exceed 1", "--late", "0.6", "--too-late", "0.6")]
    [InlineData("--lateness 'a day' is not a duration", "--lateness", "a day")]
    [InlineData("--lateness must be positive", "--lateness", "0s")]
    [InlineData("--burst-every '10' is not a duration", "--burst-every", "10")]
    [InlineData("not both", "--ledger", "x.json", "--no-ledger")]
    [InlineData("--speed goes with --replay FILE", "--speed", "10")]
    [InlineData("--replay no-such-file.ndjson: no such file", "--replay", "no-such-file.ndjson")]
    public void Run_BadArguments_ExitCode2WithClearMessage(string message, params string[] args)
    {
        var client = new FakeKinesisClient();
        var tester = Tester(() => client);

        var result = tester.Run(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Empty(client.Calls);
    }

    [Theory]
    [InlineData("--devices simulates; --replay sends a file's readings as they were", "--devices", "5")]
    [InlineData("--speed must be a number of times, 0 or more", "--speed", "-1")]
    [InlineData("--speed must be a number of times, 0 or more", "--speed", "NaN")]
    public void Run_ReplayWithSimulationFlagsOrABadSpeed_ExitCode2(string message, params string[] args)
    {
        var client = new FakeKinesisClient();
        var file = Path.Combine(Directory.CreateTempSubdirectory("telemetry-produce-").FullName, "r.ndjson");
        File.WriteAllText(file, "");

        var result = Tester(() => client).Run(["--replay", file, .. args]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public void Run_ReplayAFileWithAPoisonLine_SendsTheReadingsSaysTheLineAndExits1()
    {
        var client = new FakeKinesisClient();
        var file = Path.Combine(Directory.CreateTempSubdirectory("telemetry-produce-").FullName, "r.ndjson");
        var now = DateTimeOffset.UtcNow;
        File.WriteAllLines(file, [
            System.Text.Encoding.UTF8.GetString(ReadingCodec.Encode(new Reading(2, "dev-a", "thermostat", "lab", now, 1, new Dictionary<string, double> { ["t"] = 1 }, 1))),
            "{oops",
            System.Text.Encoding.UTF8.GetString(ReadingCodec.Encode(new Reading(2, "dev-a", "thermostat", "lab", now.AddSeconds(1), 2, new Dictionary<string, double> { ["t"] = 2 }, 1))),
        ]);

        var result = Tester(() => client).Run("--replay", file, "--no-pace", "--json");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains(":2:", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, client.Accepted.Count);
    }

    [Fact]
    public void Run_WithLedgerAndFaults_LedgerWrittenCompleteAndNamedInTheSummary()
    {
        var client = new FakeKinesisClient();
        var tester = Tester(() => client);
        var folder = Directory.CreateTempSubdirectory("telemetry-produce-").FullName;
        var path = Path.Combine(folder, "run.json");

        var result = tester.Run("--devices", "3", "--readings", "300", "--no-pace", "--json", "--duplicates", "0.1", "--poison", "0.1", "--too-late", "0.1", "--ledger", path);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(path, json.RootElement.GetProperty("ledger").GetString());
        var ledger = Telemetry.Producer.Ledger.LedgerFile.Read(path);
        Assert.True(ledger.Complete);
        Assert.Equal(300, ledger.Devices.Sum(d => d.Acknowledged.Count));
        Assert.Equal(json.RootElement.GetProperty("injected").GetProperty("poison").GetInt64(), ledger.Poison.Count);
        Assert.True(ledger.Devices.Sum(d => d.TooLate.Count) > 0);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Run_Help_EveryFaultAndLedgerFlagWithAnExample()
    {
        var tester = Tester(() => new FakeKinesisClient());

        var result = tester.Run("--help");

        var help = result.Output.ReplaceLineEndings(" ");
        foreach (var flag in new[] { "--duplicates", "--out-of-order", "--late", "--too-late", "--lateness", "--poison", "--bursts", "--burst-every", "--ledger", "--no-ledger" })
        {
            Assert.Contains(flag, help, StringComparison.Ordinal);
            Assert.Contains($"Example: {flag}", help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_MissingRegion_ExitCode2WithTheClientsMessage()
    {
        var tester = Tester(() => throw new AwsConfigurationException("No AWS region: set AWS_REGION."));

        var result = tester.Run("--readings", "5", "--no-pace", "--no-ledger");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("No AWS region: set AWS_REGION.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AllAcknowledged_ExitCode0AndOneJsonObject()
    {
        var client = new FakeKinesisClient();
        var tester = Tester(() => client);

        var result = tester.Run("--devices", "6", "--readings", "700", "--no-pace", "--json", "--stream", "telemetry-test", "--no-ledger");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
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

        var result = tester.Run("--devices", "3", "--readings", "30", "--no-pace", "--json", "--no-ledger");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(10, json.RootElement.GetProperty("failed").GetInt64());
        Assert.Equal(20, json.RootElement.GetProperty("sent").GetInt64());
    }

    [Fact]
    public void Run_PrettyOutputRedirected_SummaryWithCounts()
    {
        var client = new FakeKinesisClient();
        var tester = Tester(() => client);

        var result = tester.Run("--devices", "3", "--readings", "30", "--no-pace", "--no-ledger");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Simulating 3 devices", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"sent\s+30", result.Output);
        Assert.Matches(@"failed\s+0", result.Output);
    }

    [Fact]
    public void Run_WithStack_SendsToTheStacksStreamInItsRegion()
    {
        var client = new FakeKinesisClient();
        var factory = new Factory(() => client);
        var pulumi = new FakePulumi(new PulumiCommandResult(0, """{"streamName":"telemetry-dev","tableName":"t","bucketName":"b","busName":"e","region":"eu-west-1"}""", ""));
        var tester = Tester(factory, pulumi: pulumi);

        var result = tester.Run("--stack", "dev", "--readings", "5", "--no-pace", "--json", "--no-ledger");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var summary = JsonDocument.Parse(result.Output);
        Assert.Equal("telemetry-dev", summary.RootElement.GetProperty("stream").GetString());
        Assert.Equal("eu-west-1", factory.Region);
        Assert.Equal(["stack", "output", "--json", "--stack", "dev"], pulumi.Arguments);
    }

    [Fact]
    public void Run_StackNotFound_ExitCode2WithPulumisMessage()
    {
        var client = new FakeKinesisClient();
        var pulumi = new FakePulumi(new PulumiCommandResult(255, "", "error: no stack named 'nope' found"));
        var tester = Tester(new Factory(() => client), pulumi: pulumi);

        var result = tester.Run("--stack", "nope", "--readings", "5", "--no-ledger");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("no stack named 'nope' found", result.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Empty(client.Calls);
    }

    private static CommandAppTester Tester(Func<IKinesisClient> create, TimeProvider? time = null) =>
        Tester(new Factory(create), time);

    private static CommandAppTester Tester(Factory factory, TimeProvider? time = null, IPulumiCommand? pulumi = null)
    {
        var tester = new CommandAppTester();
        tester.SetDefaultCommand<ProduceCommand>();
        tester.Configure(config => ProducerApp.Configure(config, tester.Console, factory, time ?? TimeProvider.System, pulumi));
        return tester;
    }

    private sealed class FakePulumi(PulumiCommandResult result) : IPulumiCommand
    {
        public IReadOnlyList<string> Arguments { get; private set; } = [];

        public Task<PulumiCommandResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
        {
            Arguments = arguments;
            return Task.FromResult(result);
        }
    }

    private sealed class Factory(Func<IKinesisClient> create) : IKinesisClientFactory
    {
        public string? Region { get; private set; }

        public KinesisTarget Create(string? region)
        {
            Region = region;
            return new KinesisTarget(create());
        }
    }
}
