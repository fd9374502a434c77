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
        Assert.True(settings.BisectBatchOnFunctionError);
        Assert.Equal(10, settings.MaximumRetryAttempts);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.MaximumRecordAge);
        Assert.True(settings.ReportBatchItemFailures);
        Assert.Equal(StartingPosition.TrimHorizon, settings.StartingPosition);
    }

    [Fact]
    public void EventSourceMapping_UnknownFunction_FailsNamingTheSection()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PipelineConfig.EventSourceMapping("nope"));

        Assert.Contains("functions.nope.eventSourceMapping", error.Message, StringComparison.Ordinal);
    }
}
