using Telemetry.Producer.Cli;

namespace Telemetry.Producer.Tests.Cli;

public class DurationParserTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("00:01:30", 90_000)]
    [InlineData(" 15S ", 15_000)]
    public void TryParse_SupportedForms_Parsed(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5x")]
    [InlineData("s")]
    [InlineData("30")]
    [InlineData("1e400s")]
    public void TryParse_Garbage_False(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }
}
