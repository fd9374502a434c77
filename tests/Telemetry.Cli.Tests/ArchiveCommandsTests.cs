using System.Text;
using System.Text.Json;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Producer.Ledger;

namespace Telemetry.Cli.Tests;

/// <summary>One local stack with a 1 s archive buffer: readings of two devices and a poison record, archived.</summary>
public sealed class ArchiveStackFixture : IAsyncLifetime
{
    public const long Boot = 5;

    public string Data { get; } = Directory.CreateTempSubdirectory("telemetry-archive-cli-").FullName;

    public string LedgerPath => Path.Combine(Data, "run.json");

    public DateTimeOffset StartedAt { get; private set; }

    public async Task InitializeAsync()
    {
        var state = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = Data, ShardCount = 2, ArchiveBufferingInterval = TimeSpan.FromSeconds(1), FlushInterval = TimeSpan.FromSeconds(1) }.WithFreePorts());
        StartedAt = DateTimeOffset.UtcNow;
        var entries = new[] { "arch-a", "arch-b" }
            .SelectMany(device => Enumerable.Range(1, 10).Select(seq =>
                new PutRecordsEntry(ReadingCodec.Encode(new Reading(2, device, "thermostat", "lab", StartedAt.AddMilliseconds(seq), seq, new Dictionary<string, double> { ["temperature"] = seq }, Boot)), device)))
            .Append(new PutRecordsEntry(Encoding.UTF8.GetBytes("{not json"), "arch-poison"))
            .ToList();
        using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        var put = await kinesis.PutRecordsAsync(state.StreamName, entries);
        Assert.Equal(0, put.FailedRecordCount);

        // The ledger says what a simulator would: each device's readings 1-10 acknowledged.
        LedgerFile.Write(LedgerPath, Ledger("1-10"));
        var targets = put.Entries.GroupBy(e => e.ShardId!).ToDictionary(g => g.Key, g => g.MaxBy(e => SequenceNumber.Parse(e.SequenceNumber!))!.SequenceNumber!);
        await LocalConsumer.WaitUntilCaughtUpAsync(LocalConsumer.ArchiveConsumer, state, Data, targets, TimeSpan.FromMinutes(1), TimeProvider.System);
        await LocalConsumer.WaitUntilCaughtUpAsync("aggregator", state, Data, targets, TimeSpan.FromMinutes(1), TimeProvider.System);
    }

    public ProducerLedger Ledger(string acknowledged) => new()
    {
        StreamName = "telemetry",
        Seed = 1,
        StartedAt = StartedAt,
        UpdatedAt = StartedAt,
        Complete = true,
        AllowedLateness = TimeSpan.FromHours(24),
        Devices = [.. new[] { "arch-a", "arch-b" }.Select(d => new LedgerDevice(d, "thermostat", "lab", Boot, SequenceRanges.Parse(acknowledged), new SequenceRanges(), new SequenceRanges()))],
        Poison = [],
        Sent = new LedgerCounts(20, 0, 0, 0, 0, 0),
    };

    public Task DisposeAsync() => LocalStack.ResetAsync(Data);
}

public sealed class ArchiveCommandsTests(ArchiveStackFixture stack) : IClassFixture<ArchiveStackFixture>
{
    [Fact]
    public async Task ArchiveLs_AfterReadingsArrived_ListsHourPartitionedObjectsWithEveryRecord()
    {
        var (exitCode, output) = await CliRunner.RunAsync("archive", "ls", "--json", "--data-dir", stack.Data);
        using var listing = JsonDocument.Parse(output);

        Assert.Equal(0, exitCode);
        var objects = listing.RootElement.GetProperty("objects").EnumerateArray().ToList();
        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.Matches(@"^raw/year=\d{4}/month=\d{2}/day=\d{2}/hour=\d{2}/telemetry-archive-1-.*\.ndjson\.gz$", o.GetProperty("key").GetString()));
        // 20 readings and the poison record: the archive keeps every record that arrived.
        Assert.Equal(21, listing.RootElement.GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task ArchiveCatJson_AfterReadingsArrived_PrintsEachReadingOnceAsJsonAndLeavesOutThePoison()
    {
        var (exitCode, output) = await CliRunner.RunAsync("archive", "cat", "--json", "--data-dir", stack.Data);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ids = lines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.GetProperty("deviceId").GetString(), json.RootElement.GetProperty("seq").GetInt64());
        }).ToList();

        Assert.Equal(0, exitCode);
        Assert.Equal(20, ids.Count);
        Assert.Equal(20, ids.Distinct().Count());
        // Arrival order: one device's readings went to one shard in order.
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), ids.Where(i => i.Item1 == "arch-a").Select(i => i.Item2));
    }

    [Fact]
    public async Task ArchiveCat_OneDevice_PrintsOnlyItsReadingsAsLines()
    {
        var (exitCode, output) = await CliRunner.RunAsync("archive", "cat", "--device", "arch-b", "--data-dir", stack.Data);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(0, exitCode);
        Assert.Equal(10, lines.Length);
        Assert.All(lines, line => Assert.Contains("arch-b", line, StringComparison.Ordinal));
        Assert.Contains("temperature=10", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchiveLs_RangeBeforeTheRun_FindsNothing()
    {
        var (exitCode, output) = await CliRunner.RunAsync("archive", "ls", "--from", "3h", "--to", "2h", "--data-dir", stack.Data);

        Assert.Equal(0, exitCode);
        Assert.Contains("No archive objects in that range", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EveryAcknowledgedReadingArchived_ReportsFullCoverage()
    {
        var (exitCode, output) = await CliRunner.RunAsync("verify", "--ledger", stack.LedgerPath, "--json", "--data-dir", stack.Data);
        using var report = JsonDocument.Parse(output);
        var archive = report.RootElement.GetProperty("archive");

        Assert.Equal(0, exitCode);
        Assert.True(archive.GetProperty("ok").GetBoolean());
        Assert.Equal((20, 0, 0), (archive.GetProperty("expected").GetInt64(), archive.GetProperty("missing").GetInt64(), archive.GetProperty("duplicated").GetInt64()));
    }

    [Fact]
    public async Task Verify_AcknowledgedReadingNotArchived_FailsNamingIt()
    {
        var path = Path.Combine(stack.Data, "longer.json");
        LedgerFile.Write(path, stack.Ledger("1-11"));

        var (exitCode, output) = await CliRunner.RunAsync("verify", "--ledger", path, "--json", "--data-dir", stack.Data);
        using var report = JsonDocument.Parse(output);
        var archive = report.RootElement.GetProperty("archive");

        Assert.Equal(1, exitCode);
        Assert.Equal(2, archive.GetProperty("missing").GetInt64());
        Assert.All(archive.GetProperty("problems").EnumerateArray(), p => Assert.Equal("11", p.GetProperty("missing").GetString()));
    }

    [Fact]
    public async Task Verify_NoArchive_LeavesTheArchiveOut()
    {
        var (exitCode, output) = await CliRunner.RunAsync("verify", "--ledger", stack.LedgerPath, "--no-archive", "--json", "--data-dir", stack.Data);
        using var report = JsonDocument.Parse(output);

        Assert.Equal(0, exitCode);
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("archive").ValueKind);
    }
}
