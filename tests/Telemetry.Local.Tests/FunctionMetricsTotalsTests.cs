using Telemetry.Local.Service;

namespace Telemetry.Local.Tests;

public class FunctionMetricsTotalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static string Line(string function, DateTimeOffset at, string? reason, params (string Name, double Value)[] values)
    {
        var dimensions = reason is null ? "[\"Function\"]" : "[\"Function\",\"Reason\"]";
        var metrics = string.Join(",", values.Select(v => $"{{\"Name\":\"{v.Name}\",\"Unit\":\"Count\"}}"));
        var members = string.Join(",", values.Select(v => $"\"{v.Name}\":{v.Value}"));
        return $"{{\"_aws\":{{\"Timestamp\":{at.ToUnixTimeMilliseconds()},\"CloudWatchMetrics\":[{{\"Namespace\":\"Telemetry\",\"Dimensions\":[{dimensions}],\"Metrics\":[{metrics}]}}]}},"
            + $"\"Function\":\"{function}\"{(reason is null ? "" : $",\"Reason\":\"{reason}\"")},{members}}}";
    }

    [Fact]
    public async Task ReadAsync_LogWithMetricLinesAmongOthers_SumsPerFunctionAndSplitsRejectsByReason()
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("telemetry-metrics-").FullName, "functions.log");
        await File.WriteAllLinesAsync(log,
        [
            "serving aggregator on shardId-000000000000",
            Line("aggregator", Now.AddHours(-2), null, ("Records", 10), ("ReadingsAccepted", 9), ("RecordsRejected", 1), ("BatchAge", 900)),
            Line("aggregator", Now.AddHours(-2), "MalformedJson", ("RecordsRejected", 1)),
            "{\"level\":\"INFO\",\"function\":\"aggregator\"}",
            Line("aggregator", Now.AddMinutes(-5), null, ("Records", 5), ("ReadingsAccepted", 3), ("RecordsRejected", 2), ("BatchAge", 120)),
            Line("aggregator", Now.AddMinutes(-5), "TooLate", ("RecordsRejected", 2)),
            Line("watchdog", Now.AddMinutes(-1), null, ("AlertsRaised", 1), ("AlertsCleared", 0)),
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatch", // cut short while the service was writing it
        ]);

        var totals = await FunctionMetricsTotals.ReadAsync(log, Now, CancellationToken.None);

        Assert.Equal(["aggregator", "watchdog"], totals.Select(t => t.Function));
        var aggregator = totals[0];
        Assert.Equal(2, aggregator.Invocations);
        Assert.Equal((15L, 12L, 3L), (aggregator.Totals["Records"], aggregator.Totals["ReadingsAccepted"], aggregator.Totals["RecordsRejected"]));
        Assert.Equal(new Dictionary<string, long> { ["MalformedJson"] = 1, ["TooLate"] = 2 }, aggregator.RejectedByReason);
        Assert.Equal(2, aggregator.RejectedLastHour);
        Assert.Equal(120, aggregator.LastBatchAgeMs);
        Assert.Equal(Now.AddMinutes(-5), aggregator.LastInvocation);
        Assert.Equal(1, totals[1].Totals["AlertsRaised"]);
    }

    [Fact]
    public async Task ReadAsync_NoLog_IsEmpty() =>
        Assert.Empty(await FunctionMetricsTotals.ReadAsync(Path.Combine(Path.GetTempPath(), $"none-{Guid.NewGuid():N}.log"), Now, CancellationToken.None));

    [Fact]
    public async Task ReadAsync_ReaderKeptWhileTheLogGrows_CountsEachLineOnceAndALineOnlyOnceItEnds()
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("telemetry-metrics-").FullName, "functions.log");
        var reader = new FunctionMetricsLog(log);
        await File.WriteAllTextAsync(log, Line("aggregator", Now.AddMinutes(-30), null, ("Records", 4)) + "\n");
        var first = await reader.ReadAsync(Now, CancellationToken.None);

        var half = Line("aggregator", Now.AddMinutes(-20), null, ("Records", 6));
        await File.AppendAllTextAsync(log, Line("aggregator", Now.AddMinutes(-25), "TooLate", ("RecordsRejected", 2)) + "\n" + half[..40]);
        var whileWriting = await reader.ReadAsync(Now, CancellationToken.None);
        await File.AppendAllTextAsync(log, half[40..] + "\n");
        var written = await reader.ReadAsync(Now, CancellationToken.None);
        var anHourLater = await reader.ReadAsync(Now.AddHours(1), CancellationToken.None);

        Assert.Equal((1L, 4L), (first[0].Invocations, first[0].Totals["Records"]));
        Assert.Equal((1L, 4L, 2L), (whileWriting[0].Invocations, whileWriting[0].Totals["Records"], whileWriting[0].RejectedLastHour));
        Assert.Equal((2L, 10L), (written[0].Invocations, written[0].Totals["Records"]));
        Assert.Equal((2L, 10L, 0L), (anHourLater[0].Invocations, anHourLater[0].Totals["Records"], anHourLater[0].RejectedLastHour));
        Assert.Equal(2, anHourLater[0].RejectedByReason["TooLate"]);
    }

    [Fact]
    public async Task ReadAsync_LogStartedAgainShorter_ReadsItFromTheStart()
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("telemetry-metrics-").FullName, "functions.log");
        var reader = new FunctionMetricsLog(log);
        await File.WriteAllLinesAsync(log, [Line("alerter", Now, null, ("Records", 7)), Line("alerter", Now, null, ("Records", 7))]);
        await reader.ReadAsync(Now, CancellationToken.None);

        await File.WriteAllLinesAsync(log, [Line("alerter", Now, null, ("Records", 1))]);
        var after = Assert.Single(await reader.ReadAsync(Now, CancellationToken.None));

        Assert.Equal((1L, 1L), (after.Invocations, after.Totals["Records"]));
    }
}
