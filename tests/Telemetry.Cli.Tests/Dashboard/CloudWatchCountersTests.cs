using Microsoft.Extensions.Time.Testing;
using Telemetry.Aws.CloudWatch;
using Telemetry.Cli.Commands.Dashboard;

namespace Telemetry.Cli.Tests.Dashboard;

// The deployed functions' counters as the dashboard asks CloudWatch for them: by deployed name, summed, kept a minute.
public sealed class CloudWatchCountersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 30, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["aggregator"] = "dev-aggregator-1a2b",
        ["watchdog"] = "dev-watchdog-9f8e",
        ["archiver"] = "dev-archiver",
    };

    [Fact]
    public async Task ReadAsync_DeployedFunctions_AsksForEachCounterByDeployedNameAndSumsTheHours()
    {
        var cloudWatch = new TestCloudWatch(query => query.Id switch
        {
            "aggregator_invocations" => [Point(-90, 3), Point(-30, 4)],
            "aggregator_readingsaccepted" => [Point(-90, 250), Point(-30, 50)],
            "aggregator_batchage" => [Point(-40, 900), Point(-10, 450), Point(-2, 120)],
            "watchdog_alertsraised" => [Point(-30, 2)],
            _ => [],
        });
        var counters = new CloudWatchCounters(cloudWatch, Names, new FakeTimeProvider(Now));

        var rows = await counters.ReadAsync(default);

        var (queries, start, end) = Assert.Single(cloudWatch.Calls);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(Now.AddMinutes(1), end);
        Assert.All(queries, q => Assert.Equal("Telemetry", q.Namespace));
        Assert.All(queries.Where(q => q.Id.StartsWith("aggregator", StringComparison.Ordinal)), q => Assert.Equal("dev-aggregator-1a2b", q.Dimensions["Function"]));
        Assert.DoesNotContain(queries, q => q.Dimensions["Function"] == "dev-archiver");
        Assert.Equal(("Records", "SampleCount"), queries.Where(q => q.Id == "aggregator_invocations").Select(q => (q.MetricName, q.Stat)).Single());
        Assert.DoesNotContain(queries, q => q.Id == "watchdog_batchage");

        Assert.Equal(["aggregator", "watchdog"], rows.Select(r => r.Function));
        var aggregator = rows[0];
        Assert.Equal("dev-aggregator-1a2b", aggregator.Name);
        Assert.Equal(7, aggregator.Invocations);
        Assert.Equal(300, aggregator.Totals["ReadingsAccepted"]);
        Assert.Equal(0, aggregator.Totals["WindowsWritten"]);
        Assert.Equal(450, aggregator.LastBatchAgeMs);
        Assert.Equal(2, rows[1].Totals["AlertsRaised"]);
        Assert.Null(rows[1].LastBatchAgeMs);
    }

    [Fact]
    public async Task ReadAsync_PolledAgainWithinAMinute_AnswersFromTheLastCallAndAsksAgainAfter()
    {
        var time = new FakeTimeProvider(Now);
        var cloudWatch = new TestCloudWatch(_ => []);
        var counters = new CloudWatchCounters(cloudWatch, Names, time);

        await counters.ReadAsync(default);
        time.Advance(TimeSpan.FromSeconds(59));
        await counters.ReadAsync(default);
        var afterAMinute = cloudWatch.Calls.Count;
        time.Advance(TimeSpan.FromSeconds(1));
        await counters.ReadAsync(default);

        Assert.Equal(1, afterAMinute);
        Assert.Equal(2, cloudWatch.Calls.Count);
    }

    [Fact]
    public async Task ReadAsync_CloudWatchRefuses_ThrowsTheSameRefusalForAMinuteWithoutAskingAgain()
    {
        var time = new FakeTimeProvider(Now);
        var cloudWatch = new TestCloudWatch(_ => throw new CloudWatchAccessDeniedException("AccessDeniedException", "not authorized", System.Net.HttpStatusCode.BadRequest, null));
        var counters = new CloudWatchCounters(cloudWatch, Names, time);

        var first = await Assert.ThrowsAsync<CloudWatchAccessDeniedException>(() => counters.ReadAsync(default));
        time.Advance(TimeSpan.FromSeconds(30));
        var again = await Assert.ThrowsAsync<CloudWatchAccessDeniedException>(() => counters.ReadAsync(default));

        Assert.Same(first, again);
        Assert.Single(cloudWatch.Calls);
    }

    [Fact]
    public async Task ReadAsync_AQueryAnsweredOnlyInPart_ThrowsRatherThanShowingCountsTooLow()
    {
        var cloudWatch = new TestCloudWatch(_ => [Point(-5, 1)]) { Incomplete = "watchdog_alertscleared" };
        var counters = new CloudWatchCounters(cloudWatch, Names, new FakeTimeProvider(Now));

        var error = await Assert.ThrowsAsync<CloudWatchException>(() => counters.ReadAsync(default));

        Assert.Contains("watchdog_alertscleared", error.Message, StringComparison.Ordinal);
    }

    private static MetricDatapoint Point(int minutes, double value) => new(Now.AddMinutes(minutes), value);

    private sealed class TestCloudWatch(Func<MetricQuery, IReadOnlyList<MetricDatapoint>> answer) : ICloudWatchClient
    {
        public List<(IReadOnlyList<MetricQuery> Queries, DateTimeOffset Start, DateTimeOffset End)> Calls { get; } = [];

        public string? Incomplete { get; init; }

        public Task<IReadOnlyList<MetricSeriesResult>> GetMetricDataAsync(
            IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
        {
            Calls.Add((queries, start, end));
            return Task.FromResult<IReadOnlyList<MetricSeriesResult>>([.. queries.Select(q => new MetricSeriesResult(q.Id, answer(q), q.Id != Incomplete))]);
        }
    }
}
