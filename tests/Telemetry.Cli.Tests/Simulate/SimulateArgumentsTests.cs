using Telemetry.Contracts;

namespace Telemetry.Cli.Tests.Simulate;

public sealed class SimulateArgumentsTests
{
    [Theory]
    [InlineData("--duplicates", "2", "--duplicates must be a fraction between 0 and 1")]
    [InlineData("--out-of-order", "NaN", "--out-of-order must be a fraction between 0 and 1")]
    [InlineData("--lateness", "tomorrow", "--lateness 'tomorrow' is not a duration")]
    public async Task Simulate_BadFaultFlag_ExitsTwoBeforeSending(string flag, string value, string expected)
    {
        var (exitCode, output) = await CliRunner.RunAsync("simulate", flag, value, "--no-ledger");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_Help_ListsTheFaultAndLedgerFlags()
    {
        var (_, output) = await CliRunner.RunAsync("simulate", "--help");

        foreach (var flag in new[] { "--duplicates", "--out-of-order", "--late", "--too-late", "--lateness", "--poison", "--bursts", "--burst-every", "--ledger", "--no-ledger" })
        {
            Assert.Contains(flag, output, StringComparison.Ordinal);
        }
    }
}
