using Telemetry.Contracts;

namespace Telemetry.Cli.Tests;

public sealed class ArgumentValidationTests
{
    [Fact]
    public async Task QueryRollups_WithoutDevice_ExitsTwoWithExample()
    {
        var (exitCode, output) = await CliRunner.RunAsync("query", "rollups");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--device is required", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--resolution", "5m", "--resolution must be 1m or 1h")]
    [InlineData("--from", "yesterday-ish", "is neither an ISO-8601 time")]
    [InlineData("--target", "cloud", "--target must be auto, local or aws")]
    [InlineData("--png", "chart.jpg", "--png takes a file name ending in .png")]
    [InlineData("--png", "no-such-folder/chart.png", "does not exist")]
    public async Task QueryRollups_BadFlag_ExitsTwoNamingTheFlag(string flag, string value, string expected)
    {
        var (exitCode, output) = await CliRunner.RunAsync("query", "rollups", "--device", "d-1", flag, value);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--duration", "soon", "--duration 'soon' is not a positive duration")]
    [InlineData("--devices", "0", "--devices must be between 1 and 10000")]
    [InlineData("--rate", "NaN", "--rate must be a number above 0")]
    [InlineData("--shards", "0", "--shards must be between 1 and 100")]
    public async Task Demo_BadFlag_ExitsTwoBeforeStartingAnything(string flag, string value, string expected)
    {
        var (exitCode, output) = await CliRunner.RunAsync("demo", flag, value, "--data-dir", Path.Combine(Path.GetTempPath(), "never-created-" + Guid.NewGuid()));

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--duration", "2s", "--duration '2s' must be a duration of at least 5s")]
    [InlineData("--flush-interval", "1.5s", "--flush-interval must be whole seconds from 0s to 900s")]
    [InlineData("--devices", "0", "--devices must be between 1 and 100000")]
    [InlineData("--rate", "NaN", "--rate must be a number above 0")]
    [InlineData("--producer-readings", "10", "--producer-readings must be between 500 and 1000000")]
    [InlineData("--rounds", "0", "--rounds must be between 1 and 20")]
    public async Task Bench_BadFlag_ExitsTwoBeforeStartingAnything(string flag, string value, string expected)
    {
        var data = NeverCreated();

        var (exitCode, output) = await CliRunner.RunAsync("bench", flag, value, "--data-dir", data);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "the bench started its stack before refusing its arguments");
    }

    [Theory]
    [InlineData("--devices 0", "--devices must be between 1 and 10000000")]
    [InlineData("--rate -1", "--rate must be a number above 0")]
    [InlineData("--bench no-such-result.json", "No file no-such-result.json")]
    public async Task Cost_BadFlagOrNoBenchResult_ExitsTwoSayingWhy(string flags, string expected)
    {
        var (exitCode, output) = await CliRunner.RunAsync(["cost", .. flags.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--excursions -1", "--excursions is a number of devices")]
    [InlineData("--silences 1 --duration 1m", "give --duration 109s or more")]
    [InlineData("--devices 3 --excursions 4 --duration 10m", "need one device each; of the 3 devices")]
    public async Task Demo_AnomaliesThatCannotBe_ExitsTwoSayingWhatWouldFit(string flags, string expected)
    {
        var data = Path.Combine(Path.GetTempPath(), "never-created-" + Guid.NewGuid());

        var (exitCode, output) = await CliRunner.RunAsync(["demo", .. flags.Split(' '), "--data-dir", data]);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "the demo started the stack before refusing its arguments");
    }

    [Theory]
    [InlineData("--for", "soon", "--for 'soon' is not a positive duration")]
    [InlineData("--count", "0", "--count is a number of events, 1 or more")]
    [InlineData("--target", "cloud", "--target must be auto, local or aws")]
    public async Task AlertsTail_BadFlag_ExitsTwoNamingTheFlag(string flag, string value, string expected)
    {
        var (exitCode, output) = await CliRunner.RunAsync("alerts", "tail", flag, value);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalReset_WithoutYesWhenNotInteractive_DeletesNothing()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-cli-").FullName;

        var (exitCode, output) = await CliRunner.RunAsync("local", "reset", "--data-dir", data);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--yes", output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(data));
        Directory.Delete(data);
    }

    [Theory]
    [InlineData("local", "reset", "--yes", "--datadir", "x")]
    [InlineData("demo", "--bogus")]
    [InlineData("bench", "--flush", "5s")]
    [InlineData("query", "rollups", "--device", "d-1", "--metrik", "temperature")]
    [InlineData("local", "status", "extra-argument")]
    public async Task AnyCommand_UnknownOptionOrArgument_ExitsTwoAndDoesNothing(params string[] args)
    {
        var data = Directory.CreateTempSubdirectory("telemetry-cli-").FullName;

        var (exitCode, output) = await CliRunner.RunAsync([.. args, "--data-dir", data]);

        Assert.Equal(2, exitCode);
        Assert.Contains("error", output, StringComparison.OrdinalIgnoreCase);
        Assert.True(Directory.Exists(data));
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));
        Directory.Delete(data);
    }

    [Theory]
    [InlineData("query", "rollups")]
    [InlineData("query", "rejected")]
    [InlineData("local", "status")]
    [InlineData("local", "logs")]
    public async Task Help_OfASubcommand_ListsTheFlagsItInherits(params string[] command)
    {
        var (_, output) = await CliRunner.RunAsync([.. command, "--help"]);

        Assert.Contains("--data-dir", output, StringComparison.Ordinal);
        if (command[0] == "query")
        {
            Assert.Contains("--target", output, StringComparison.Ordinal);
            Assert.Contains("--stack", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Redrive_LocalTargetWithQueueName_ExitsTwoAskingForTheUrl()
    {
        var (exitCode, output) = await CliRunner.RunAsync("redrive", "--target", "local", "--queue", "telemetry-aggregator-failures", "--data-dir", NeverCreated());

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("locally --queue takes the queue's URL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redrive_FileAndQueue_ExitsTwoAskingForOne()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exitCode, output) = await CliRunner.RunAsync("redrive", "--file", file, "--queue", "telemetry-aggregator-failures", "--data-dir", NeverCreated());

            Assert.Equal(ExitCodes.Usage, exitCode);
            Assert.Contains("--file and --queue name two destinations", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string NeverCreated() => Path.Combine(Path.GetTempPath(), "never-created-" + Guid.NewGuid());

    [Theory]
    [InlineData("ls", "--from", "yesterday", "--from 'yesterday' is neither an ISO-8601 time")]
    [InlineData("cat", "--to", "soonish", "--to 'soonish' is neither an ISO-8601 time")]
    [InlineData("cat", "--device", " ", "--device needs a device id")]
    [InlineData("ls", "--target", "cloud", "--target must be auto, local or aws")]
    [InlineData("cat", "--bogus", "x", "Unknown option 'bogus'")]
    public async Task Archive_BadFlag_ExitsTwoNamingTheFlag(string command, string flag, string value, string expected)
    {
        var (exitCode, output) = await CliRunner.RunAsync("archive", command, flag, value);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchiveLs_FromAfterTo_ExitsTwo()
    {
        var (exitCode, output) = await CliRunner.RunAsync("archive", "ls", "--from", "1h", "--to", "2h");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("is after --to", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--to", "1h" }, "--from is required")]
    [InlineData(new[] { "--from", "later" }, "--from 'later' is neither an ISO-8601 time")]
    [InlineData(new[] { "--from", "2099-01-01T00:00:00Z" }, "is in the future")]
    [InlineData(new[] { "--from", "1h", "--to", "2h" }, "is before --from")]
    [InlineData(new[] { "--from", "2026-11-26T10:00:00Z", "--to", "2026-11-26T10:00:00Z" }, "an empty range")]
    [InlineData(new[] { "--from", "1h", "--into", "alarms" }, "--into must be stdout, rollups, alerts, or a file ending in .ndjson")]
    [InlineData(new[] { "--from", "1h", "--into", "alerts", "--rebuild" }, "--rebuild recomputes rollup windows: it needs --into rollups")]
    [InlineData(new[] { "--from", "1h", "--json" }, "--json prints the summary on stdout")]
    [InlineData(new[] { "--from", "1h", "--device", "" }, "--device needs a device id")]
    [InlineData(new[] { "--from", "1h", "--into", "no-such-folder-for-replay/x.ndjson" }, "does not exist")]
    [InlineData(new[] { "--from", "1h", "--into", "out.ndjson", "--rebuild" }, "--rebuild recomputes rollup windows: it needs --into rollups")]
    [InlineData(new[] { "--from", "1h", "--rebuld" }, "Unknown option 'rebuld'")]
    public async Task Replay_BadArguments_ExitsTwoSayingWhy(string[] args, string expected)
    {
        var (exitCode, output) = await CliRunner.RunAsync(["replay", .. args]);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }
}
