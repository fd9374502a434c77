using Telemetry.Local.Archive;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Stack;

namespace Telemetry.Local.Tests;

public sealed class PipelineConfigTests
{
    [Fact]
    public void EventSourceMapping_RepositoryFile_MatchesTheDeployedMappingSettings()
    {
        var settings = PipelineConfig.EventSourceMapping("aggregator");

        Assert.Equal(100, settings.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.MaximumBatchingWindow);
        Assert.False(settings.BisectBatchOnFunctionError);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.TumblingWindow);
        Assert.Equal(-1, settings.MaximumRetryAttempts);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.MaximumRecordAge);
        Assert.True(settings.ReportBatchItemFailures);
        Assert.Equal(StartingPosition.TrimHorizon, settings.StartingPosition);
    }

    [Fact]
    public void MemorySizes_RepositoryFile_NamesStreamAndScheduledFunctions()
    {
        Assert.Equal(new Dictionary<string, int> { ["aggregator"] = 512, ["alerter"] = 512, ["watchdog"] = 256 }, PipelineConfig.MemorySizes());
    }

    [Fact]
    public void EventSourceMapping_UnknownFunction_FailsNamingTheSection()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PipelineConfig.EventSourceMapping("nope"));

        Assert.Contains("functions.nope.eventSourceMapping", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaximumRetryAttempts", -2)]
    [InlineData("MaximumRetryAttempts", 10_001)]
    [InlineData("MaximumRecordAgeInSeconds", 0)]
    [InlineData("MaximumRecordAgeInSeconds", 59)]
    [InlineData("MaximumRecordAgeInSeconds", 604_801)]
    public void EventSourceMapping_ValueAwsRefuses_FailsNamingTheFileAndTheSetting(string setting, int value)
    {
        var path = WriteMapping($$"""{ "{{setting}}": {{value}} }""");

        var error = Assert.Throws<InvalidOperationException>(() => PipelineConfig.EventSourceMapping("aggregator", path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(setting.Replace("InSeconds", string.Empty, StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "TumblingWindowInSeconds": 901 }""")]
    [InlineData("""{ "TumblingWindowInSeconds": -1 }""")]
    [InlineData("""{ "TumblingWindowInSeconds": 5, "BisectBatchOnFunctionError": true }""")]
    [InlineData("""{ "TumblingWindowInSeconds": 5, "BisectBatchOnFunctionError": false, "MaximumRetryAttempts": 3 }""")]
    public void EventSourceMapping_TumblingWindowTheLocalHostCannotHonour_FailsNamingTheFile(string mapping)
    {
        var path = WriteMapping(mapping);

        var error = Assert.Throws<InvalidOperationException>(() => PipelineConfig.EventSourceMapping("aggregator", path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Tumbling", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventSourceMapping_TumblingWindowWithoutBisect_IsRead()
    {
        var path = WriteMapping("""{ "TumblingWindowInSeconds": 5, "BisectBatchOnFunctionError": false }""");

        Assert.Equal(TimeSpan.FromSeconds(5), PipelineConfig.EventSourceMapping("aggregator", path).TumblingWindow);
    }

    [Theory]
    [InlineData(-1, -1)]
    [InlineData(0, 60)]
    [InlineData(10_000, 604_800)]
    public void EventSourceMapping_BoundsAwsAccepts_AreRead(int retries, int recordAgeSeconds)
    {
        var path = WriteMapping($$"""{ "MaximumRetryAttempts": {{retries}}, "MaximumRecordAgeInSeconds": {{recordAgeSeconds}} }""");

        var settings = PipelineConfig.EventSourceMapping("aggregator", path);

        Assert.Equal(retries, settings.MaximumRetryAttempts);
        Assert.Equal(recordAgeSeconds == -1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(recordAgeSeconds), settings.MaximumRecordAge);
    }

    [Fact]
    public void EventSourceMappingSettings_Defaults_AreLambdasDefaults()
    {
        var settings = new EventSourceMappingSettings();

        Assert.Equal(-1, settings.MaximumRetryAttempts);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.MaximumRecordAge);
    }

    [Fact]
    public void Archive_FormatParquetWith64Mb_TheParquetFormat()
    {
        var path = WriteArchive("""{ "format": "parquet", "bufferingSizeMb": 64 }""");

        Assert.IsType<ParquetFormat>(PipelineConfig.Archive(path)!.Format);
    }

    [Fact]
    public void Archive_FormatParquetWithTheDefaultBuffer_FailsAsFirehoseRefusesIt()
    {
        var path = WriteArchive("""{ "format": "parquet" }""");

        var error = Assert.Throws<InvalidOperationException>(() => PipelineConfig.Archive(path));

        Assert.Contains("bufferingSizeMb must be at least 64 with format 'parquet'", error.Message, StringComparison.Ordinal);
    }

    private static string WriteArchive(string archive)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("telemetry-pipeline-").FullName, "pipeline.json");
        File.WriteAllText(path, $$"""{ "archive": {{archive}} }""");
        return path;
    }

    private static string WriteMapping(string mapping)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("telemetry-pipeline-").FullName, "pipeline.json");
        File.WriteAllText(path, $$"""{ "functions": { "aggregator": { "eventSourceMapping": {{mapping}} } } }""");
        return path;
    }
}
