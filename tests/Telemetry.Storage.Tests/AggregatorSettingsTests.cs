namespace Telemetry.Storage.Tests;

public class AggregatorSettingsTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void FromEnvironment_NothingSet_UsesDefaults()
    {
        var settings = AggregatorSettings.FromEnvironment(Environment());

        Assert.Equal("telemetry-rollups", settings.TableName);
        Assert.Equal(TimeSpan.FromHours(24), settings.AllowedLateness);
        Assert.Equal(TimeSpan.FromDays(30), settings.MinuteRollupTtl);
        Assert.Equal(TimeSpan.FromDays(14), settings.RejectedTtl);
    }

    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("45s", 45)]
    [InlineData("1d", 86400)]
    [InlineData("1.00:00:00", 86400)]
    [InlineData("00:30:00", 1800)]
    public void FromEnvironment_LatenessSet_ParsesDuration(string text, int expectedSeconds)
    {
        var settings = AggregatorSettings.FromEnvironment(Environment(
            (AggregatorSettings.TableVariable, "my-table"), (AggregatorSettings.AllowedLatenessVariable, text)));

        Assert.Equal("my-table", settings.TableName);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), settings.AllowedLateness);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5m")]
    [InlineData("10x")]
    [InlineData("5")]
    public void FromEnvironment_BadLateness_FailsNamingTheVariable(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AggregatorSettings.FromEnvironment(Environment((AggregatorSettings.AllowedLatenessVariable, text))));

        Assert.Contains(AggregatorSettings.AllowedLatenessVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    public void FromEnvironment_BadTableName_FailsNamingTheVariable(string table)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AggregatorSettings.FromEnvironment(Environment((AggregatorSettings.TableVariable, table))));

        Assert.Contains(AggregatorSettings.TableVariable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30d", 30 * 86400)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("2.00:00:00", 2 * 86400)]
    [InlineData("0", null)]
    [InlineData("0s", null)]
    [InlineData("off", null)]
    [InlineData("OFF", null)]
    public void FromEnvironment_TtlsSet_ParseDurationOrOff(string text, int? expectedSeconds)
    {
        var settings = AggregatorSettings.FromEnvironment(Environment(
            (AggregatorSettings.AllowedLatenessVariable, "1h"),
            (AggregatorSettings.MinuteRollupTtlVariable, text),
            (AggregatorSettings.RejectedTtlVariable, text)));

        var expected = expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        Assert.Equal(expected, settings.MinuteRollupTtl);
        Assert.Equal(expected, settings.RejectedTtl);
    }

    [Theory]
    [InlineData(AggregatorSettings.MinuteRollupTtlVariable, "a month")]
    [InlineData(AggregatorSettings.MinuteRollupTtlVariable, "-30d")]
    [InlineData(AggregatorSettings.MinuteRollupTtlVariable, "1e300d")]
    [InlineData(AggregatorSettings.RejectedTtlVariable, "100000d")]
    [InlineData(AggregatorSettings.RejectedTtlVariable, "never")]
    public void FromEnvironment_BadTtl_FailsNamingTheVariableAndValue(string variable, string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AggregatorSettings.FromEnvironment(Environment((variable, text))));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_MinuteTtlShorterThanLateness_FailsNamingBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AggregatorSettings.FromEnvironment(Environment(
            (AggregatorSettings.MinuteRollupTtlVariable, "12h"), (AggregatorSettings.AllowedLatenessVariable, "24h"))));

        Assert.Contains(AggregatorSettings.MinuteRollupTtlVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(AggregatorSettings.AllowedLatenessVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_MinuteTtlEqualToLateness_FailsBecauseLatenessCountsFromTheHourWindow()
    {
        // A reading at 10:00:30 is accepted until 11:00 + 24h, but its minute window ends at 10:01.
        var error = Assert.Throws<InvalidOperationException>(() => AggregatorSettings.FromEnvironment(Environment(
            (AggregatorSettings.MinuteRollupTtlVariable, "24h"), (AggregatorSettings.AllowedLatenessVariable, "24h"))));

        Assert.Contains($"plus {Telemetry.Contracts.Durations.Format(TimeSpan.FromMinutes(74))}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_MinuteTtlCoveringLatenessFromTheHourWindow_IsAccepted()
    {
        var settings = AggregatorSettings.FromEnvironment(Environment(
            (AggregatorSettings.MinuteRollupTtlVariable, "1.01:14:00"), (AggregatorSettings.AllowedLatenessVariable, "24h")));

        Assert.Equal(TimeSpan.FromHours(25) + TimeSpan.FromMinutes(14), settings.MinuteRollupTtl);
    }
}
