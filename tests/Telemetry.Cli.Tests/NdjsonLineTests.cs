using System.Text;
using Telemetry.Cli.Commands.Replay;

namespace Telemetry.Cli.Tests;

public sealed class NdjsonLineTests
{
    [Theory]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("{\"a\":1}\n", "{\"a\":1}")]
    [InlineData("  {\"a\":1}\r\n", "{\"a\":1}")]
    [InlineData("{\n  \"a\": 1,\n  \"b\": \"x y\"\n}\n", "{\"a\":1,\"b\":\"x y\"}")]
    [InlineData("{\"a\": \"kept as put\" }", "{\"a\": \"kept as put\" }")]
    public void Of_RecordWithWhitespace_OneLineWithEveryField(string record, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(NdjsonLine.Of(Encoding.UTF8.GetBytes(record)).Span));
}
