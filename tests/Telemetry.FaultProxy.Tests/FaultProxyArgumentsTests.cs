using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests;

public sealed class FaultProxyArgumentsTests
{
    [Fact]
    public void Parse_BothUpstreams_ReadsEverything()
    {
        var parsed = FaultProxyArguments.Parse(
            ["--kinesis-upstream", "http://127.0.0.1:4567", "--kinesis-port", "0", "--dynamodb-upstream", "http://127.0.0.1:8000", "--dynamodb-port", "9001",
             "--profile", "flaky", "--seed", "-7", "--ready-file", "r.json"]);

        Assert.Equal(new UpstreamEndpoint(new Uri("http://127.0.0.1:4567"), 0), parsed.Options.Upstreams[FaultUpstream.Kinesis]);
        Assert.Equal(new UpstreamEndpoint(new Uri("http://127.0.0.1:8000"), 9001), parsed.Options.Upstreams[FaultUpstream.DynamoDb]);
        Assert.Equal(("flaky", -7, "r.json"), (parsed.Profile, parsed.Seed, parsed.ReadyFile));
    }

    [Fact]
    public void Parse_OneUpstreamNoProfile_OffWithDefaultSeed()
    {
        var parsed = FaultProxyArguments.Parse(["--dynamodb-upstream", "http://127.0.0.1:8000", "--dynamodb-port", "0"]);

        Assert.Equal([FaultUpstream.DynamoDb], parsed.Options.Upstreams.Keys);
        Assert.Equal(("off", FaultProxyArguments.DefaultSeed), (parsed.Profile, parsed.Seed));
    }

    [Theory]
    [InlineData(new string[0], "at least one upstream")]
    [InlineData(new[] { "--kinesis-port", "0" }, "--kinesis-upstream")]
    [InlineData(new[] { "--kinesis-upstream", "http://127.0.0.1:1" }, "--kinesis-port")]
    [InlineData(new[] { "--kinesis-upstream", "http://127.0.0.1:1", "--kinesis-port", "99999" }, "--kinesis-port")]
    [InlineData(new[] { "--kinesis-upstream", "http://127.0.0.1:1", "--kinesis-port", "0", "--seed", "x" }, "--seed")]
    [InlineData(new[] { "--kinesis-upstream", "http://127.0.0.1:1", "--kinesis-port", "0", "--verbose", "1" }, "'--verbose'")]
    [InlineData(new[] { "--kinesis-upstream" }, "needs a value")]
    public void Parse_Wrong_ErrorNamesTheFlag(string[] args, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => FaultProxyArguments.Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
