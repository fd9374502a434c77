using System.Text.Json;
using Telemetry.Contracts;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Tests.Bench;

public sealed class BenchEndToEndTests
{
    [Fact]
    public async Task Bench_TinyRunAsJson_MeasuresEveryFigureBesideItsBaselineAndStopsItsStack()
    {
        var data = Path.Combine(Path.GetTempPath(), "telemetry-bench-" + Guid.NewGuid());
        try
        {
            var (exitCode, output) = await CliRunner.RunAsync(
                "bench", "--devices", "5", "--rate", "4", "--duration", "6s", "--flush-interval", "2s",
                "--producer-readings", "1000", "--rounds", "1", "--latency-devices", "2", "--json", "--data-dir", data);
            using var report = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var producer = report.RootElement.GetProperty("producer");
            var writes = report.RootElement.GetProperty("writes");
            var latency = report.RootElement.GetProperty("latency");
            var aggregator = report.RootElement.GetProperty("functions").GetProperty("aggregator");

            Assert.Equal(ExitCodes.Ok, exitCode);
            Assert.True(producer.GetProperty("simulatorToRawLoop").GetProperty("median").GetDouble() > 0);
            // The aggregated rounds put every reading (warm-up of 2,000 included) in far fewer, larger records.
            var kpl = producer.GetProperty("kpl");
            Assert.True(producer.GetProperty("aggregatedToSimulator").GetProperty("median").GetDouble() > 0);
            Assert.Equal(3000, kpl.GetProperty("readings").GetInt64());
            Assert.InRange(kpl.GetProperty("records").GetInt64(), 2, 299);
            Assert.True(kpl.GetProperty("bytesPerReading").GetDouble() > 100);
            Assert.Equal(120, writes.GetProperty("readings").GetInt64());
            // The baseline writes once per reading; the aggregator, flushing every 2 s, fewer times than that.
            Assert.Equal(120, writes.GetProperty("baselineWriteRequests").GetInt64());
            Assert.InRange(writes.GetProperty("aggregatorWriteRequests").GetInt64(), 1, 119);
            // Units as dynalite reports them: at least one per write request.
            Assert.True(aggregator.GetProperty("writeUnits").GetDouble() >= aggregator.GetProperty("writeRequests").GetInt64());
            Assert.True(aggregator.GetProperty("invocations").GetInt64() > 0);
            Assert.Equal(latency.GetProperty("readings").GetInt64(), latency.GetProperty("measured").GetInt64());
            Assert.True(latency.GetProperty("p99Seconds").GetDouble() > 0);
            Assert.Null(LocalStackState.Load(data));
            Assert.Single(Directory.GetFiles(data + "-results", "bench-*.json"));
        }
        finally
        {
            await CliRunner.RunAsync("local", "reset", "--yes", "--data-dir", data);
            if (Directory.Exists(data + "-results"))
            {
                Directory.Delete(data + "-results", recursive: true);
            }
        }
    }

    [Fact]
    public async Task Bench_FolderItDidNotMake_ExitsTwoAndLeavesItAlone()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-bench-foreign-").FullName;
        var file = Path.Combine(data, "stack.json");
        await File.WriteAllTextAsync(file, "{}");

        var (exitCode, output) = await CliRunner.RunAsync("bench", "--data-dir", data);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("did not make", output, StringComparison.Ordinal);
        Assert.Equal("{}", await File.ReadAllTextAsync(file));
        Directory.Delete(data, recursive: true);
    }
}
