using System.Text.Json;
using Spectre.Console.Cli.Testing;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Producer.Cli;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Tests.Fakes;

namespace Telemetry.Producer.Tests.Cli;

public sealed class ProduceCommandAnomalyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("telemetry-produce-anomalies-").FullName;

    [Theory]
    [InlineData("--excursions is a number of devices, 0 or more", "--excursions", "-1")]
    [InlineData("--silences is a number of devices, 0 or more", "--silences", "-2")]
    [InlineData("give --duration 109s or more", "--silences", "1", "--duration", "30s")]
    [InlineData("give --duration 46s or more", "--excursions", "1", "--duration", "30s")]
    [InlineData("need one device each; of the 3 devices", "--devices", "3", "--excursions", "2", "--flapping", "2", "--duration", "10m")]
    [InlineData("no-such-rules.json", "--excursions", "1", "--alert-rules", "no-such-rules.json")]
    public void Run_AnomaliesThatCannotBe_ExitCode2WithWhatWouldFit(string message, params string[] args)
    {
        var client = new FakeKinesisClient();

        var result = Tester(client).Run([.. args, "--no-pace", "--no-ledger"]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public void Run_InvalidRulesFile_ExitCode2NamingTheProblem()
    {
        var path = Path.Combine(_folder, "rules.json");
        File.WriteAllText(path, """{"rules":[{"id":"x","metric":"temperature","deviceType":"thermostat","direction":"up","threshold":1,"severity":"info"}]}""");

        var result = Tester(new FakeKinesisClient()).Run("--excursions", "1", "--alert-rules", path, "--no-ledger");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'up' is neither 'above' nor 'below'", result.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithAnomalies_JsonSummaryAndLedgerListTheExpectedEvents()
    {
        var ledgerPath = Path.Combine(_folder, "run.json");

        var result = Tester(new FakeKinesisClient()).Run(
            "--devices", "6", "--duration", "5m", "--no-pace", "--json", "--excursions", "1", "--flapping", "1", "--silences", "1", "--ledger", ledgerPath);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var anomalies = json.RootElement.GetProperty("anomalies").EnumerateArray().ToList();
        Assert.Equal(["excursion", "flapping", "silence"], anomalies.Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal(["AlertRaised", "AlertCleared"], anomalies[0].GetProperty("expected").EnumerateArray().Select(e => e.GetProperty("detailType").GetString()));
        Assert.Equal(["DeviceSilent", "DeviceResumed"], anomalies[2].GetProperty("expected").EnumerateArray().Select(e => e.GetProperty("detailType").GetString()));
        Assert.Equal(JsonValueKind.Null, anomalies[2].GetProperty("ruleId").ValueKind);
        var ledger = LedgerFile.Read(ledgerPath);
        Assert.Equal(anomalies.Select(a => a.GetProperty("deviceId").GetString()), ledger.Anomalies.Select(a => a.DeviceId));
        Assert.Equal(
            anomalies.Select(a => a.GetProperty("expected")[0].GetProperty("at").GetString()),
            ledger.Anomalies.Select(a => ReadingCodec.FormatTimestamp(a.Expected[0].At)));
    }

    [Fact]
    public void Run_WithAnomaliesPretty_SummaryHasALinePerDevice()
    {
        var result = Tester(new FakeKinesisClient()).Run("--devices", "6", "--duration", "2m", "--no-pace", "--excursions", "2", "--no-ledger");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"anomalies\s+thermostat-\d{4}: excursion thermostat-overheat, .* → AlertRaised .*, AlertCleared", result.Output);
        Assert.Matches(@"cold-storage-\d{4}: excursion cold-storage-warm", result.Output);
    }

    [Fact]
    public void Run_Help_EveryAnomalyFlagWithAnExample()
    {
        var help = Tester(new FakeKinesisClient()).Run("--help").Output.ReplaceLineEndings(" ");

        foreach (var flag in new[] { "--excursions", "--flapping", "--silences", "--alert-rules" })
        {
            Assert.Contains($"Example: {flag}", help, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CommandAppTester Tester(FakeKinesisClient client)
    {
        var tester = new CommandAppTester();
        tester.SetDefaultCommand<ProduceCommand>();
        tester.Configure(config => ProducerApp.Configure(config, tester.Console, new Factory(client), TimeProvider.System));
        return tester;
    }

    private sealed class Factory(IKinesisClient client) : IKinesisClientFactory
    {
        public KinesisTarget Create(string? region) => new(client);
    }
}
