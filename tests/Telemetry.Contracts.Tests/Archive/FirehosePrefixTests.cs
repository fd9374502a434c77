using Telemetry.Contracts.Archive;

namespace Telemetry.Contracts.Tests.Archive;

public sealed class FirehosePrefixTests
{
    private const string Hourly = "raw/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/";
    private const string Errors = "errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/";

    [Fact]
    public void Evaluate_HourlyPrefix_UsesTheArrivalTimeInUtc()
    {
        var prefix = FirehosePrefix.Parse(Hourly, isErrorPrefix: false);

        var key = prefix.Evaluate(new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal("raw/year=2026/month=11/day=30/hour=23/", key);
    }

    [Fact]
    public void Evaluate_ErrorPrefix_NamesTheErrorOutputType()
    {
        var prefix = FirehosePrefix.Parse(Errors, isErrorPrefix: true);

        var key = prefix.Evaluate(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), FirehosePrefix.FormatConversionFailed);

        Assert.Equal("errors/format-conversion-failed/year=2026/month=01/day=02/hour=03/", key);
    }

    [Theory]
    [InlineData("!{timestamp:yyyy'-'MM'-'dd}/", "2026-01-02/")]
    [InlineData("d=!{timestamp:d}/", "d=2/")]
    [InlineData("!{timestamp:yyyy/MM}/x", "2026/01/x")]
    [InlineData("plain/", "plain/")]
    public void Evaluate_JavaPatterns_ReadAsFirehoseWrites(string template, string expected)
    {
        var key = FirehosePrefix.Parse(template, isErrorPrefix: false).Evaluate(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal(expected, key);
    }

    [Fact]
    public void Evaluate_RandomString_IsElevenLettersOrDigits()
    {
        var key = FirehosePrefix.Parse("x/!{firehose:random-string}/", isErrorPrefix: false).Evaluate(DateTimeOffset.UnixEpoch);

        Assert.Matches("^x/[A-Za-z0-9]{11}/$", key);
    }

    [Theory]
    [InlineData("raw/!{firehose:error-output-type}/", "error output prefix only")]
    [InlineData("raw/!{timestamp:yyyy", "no closing")]
    [InlineData("raw/!{timestamp:}/", "no pattern")]
    [InlineData("raw/!{timestamp:EEE}/", "uses 'E'")]
    [InlineData("raw/!{partitionKeyFromQuery:device}/", "dynamic partitioning")]
    [InlineData("raw/!{time:HH}/", "unknown namespace 'time'")]
    [InlineData("raw/!{firehose:shard}/", "unknown firehose value 'shard'")]
    [InlineData("raw/!{timestamp:yyyy'x}/", "unclosed quote")]
    public void Parse_ExpressionFirehoseRefuses_ThrowsNamingTheProblem(string template, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FirehosePrefix.Parse(template, isErrorPrefix: false));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HasExpressions_PlainAndTemplated_AreToldApart()
    {
        Assert.False(FirehosePrefix.Parse("raw/", false).HasExpressions);
        Assert.True(FirehosePrefix.Parse(Hourly, false).HasExpressions);
        Assert.True(FirehosePrefix.Parse(Errors, true).HasErrorOutputType);
    }

    [Theory]
    [InlineData(Hourly, "raw/year=")]
    [InlineData("raw/", "raw/")]
    [InlineData("!{timestamp:yyyy}/raw/", "")]
    [InlineData("", "")]
    public void ListingPrefix_Template_IsTheLiteralBeforeTheFirstExpression(string template, string expected) =>
        Assert.Equal(expected, FirehosePrefix.Parse(template, false).ListingPrefix);
}
