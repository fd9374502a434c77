using System.Text;
using Telemetry.Cli.Commands.Verify;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Producer.Ledger;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Tests.Verify;

public class ReconciliationTests
{
    private const long Boot = 1_764_000_000_000;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static ProducerLedger Ledger(string acknowledged, string tooLate = "", params LedgerPoison[] poison) => new()
    {
        StreamName = "telemetry",
        Seed = 1,
        StartedAt = Start,
        UpdatedAt = Start.AddMinutes(5),
        Complete = true,
        AllowedLateness = TimeSpan.FromHours(24),
        Devices = [new LedgerDevice("dev-1", "thermostat", "lab", Boot, SequenceRanges.Parse(acknowledged), SequenceRanges.Parse(tooLate), new SequenceRanges())],
        Poison = poison,
        Sent = new LedgerCounts(0, 0, 0, 0, 0, poison.Length),
    };

    private static AbsorbedWindow Window(int minute, long readings, string ids) =>
        new(Start.AddMinutes(minute), readings, AbsorbedReadings.From([new(Boot, SequenceRanges.Parse(ids))]));

    private static VerifyReport Reconcile(ProducerLedger ledger, IReadOnlyList<AbsorbedWindow> minutes, IReadOnlyList<AbsorbedWindow> hours, params RejectedRow[] rejects) =>
        Reconciliation.Reconcile(ledger, (_, resolution) => resolution == Resolution.Minute ? minutes : hours, new RejectedIndex(rejects));

    [Fact]
    public void Reconcile_EveryReadingOnceInMinutesAndHour_IsOk()
    {
        var report = Reconcile(Ledger("1-10"), [Window(0, 6, "1-6"), Window(1, 4, "7-10")], [Window(0, 10, "1-10")]);

        Assert.True(report.Ok);
        Assert.Equal((10, 10, 0, 0), (report.Expected, report.Counted, report.Missing, report.Duplicated));
    }

    [Fact]
    public void Reconcile_ReadingAbsentFromTheHour_IsMissing()
    {
        var report = Reconcile(Ledger("1-10"), [Window(0, 10, "1-10")], [Window(0, 9, "1-4,6-10")]);

        Assert.False(report.Ok);
        Assert.Equal("5", Assert.Single(report.Devices).Missing.ToString());
    }

    [Fact]
    public void Reconcile_WindowCountingMoreThanItsIdentities_IsDuplicated()
    {
        var report = Reconcile(Ledger("1-3"), [Window(0, 4, "1-3")], [Window(0, 3, "1-3")]);

        Assert.False(report.Ok);
        Assert.Equal(1, report.Duplicated);
    }

    [Fact]
    public void Reconcile_SameReadingInTwoWindows_IsDuplicated()
    {
        var report = Reconcile(Ledger("1-3"), [Window(0, 2, "1-2"), Window(1, 2, "2-3")], [Window(0, 3, "1-3")]);

        Assert.Equal(1, report.Duplicated);
    }

    [Fact]
    public void Reconcile_TooLateReadingCountedAndNotRejected_IsReportedBothWays()
    {
        var report = Reconcile(Ledger("1-3", "3"), [Window(0, 3, "1-3")], [Window(0, 3, "1-3")]);

        var device = Assert.Single(report.Devices);
        Assert.Equal(("3", "3"), (device.TooLateCounted.ToString(), device.TooLateNotRejected.ToString()));
        Assert.False(report.Ok);
    }

    [Fact]
    public void Reconcile_TooLateReadingInTheRejectedSink_IsOk()
    {
        var late = new Reading(2, "dev-1", "thermostat", "lab", Start.AddDays(-3), 3, new Dictionary<string, double> { ["t"] = 1 }, Boot);
        var reject = new RejectedRow("shardId-000000000000", "495", "dev-1", "TooLate", "too late", Convert.ToBase64String(ReadingCodec.Encode(late)), false);

        var report = Reconcile(Ledger("1-3", "3"), [Window(0, 2, "1-2")], [Window(0, 2, "1-2")], reject);

        Assert.True(report.Ok);
        Assert.Equal((1, 0), (report.RejectsExpected, report.RejectsMissing));
    }

    [Fact]
    public void Reconcile_TwoPoisonRecordsInOneAggregatedRecord_EachFoundAtItsSubSequence()
    {
        var first = new LedgerPoison(RejectReason.InvalidDeviceId, "dev-1", "shardId-000000000001", "777") { SubSequence = 0 };
        var second = new LedgerPoison(RejectReason.MalformedJson, "dev-1", "shardId-000000000001", "777") { SubSequence = 3 };
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("{"));
        RejectedRow[] rejects =
        [
            new("shardId-000000000001", "777", "dev-1", "InvalidDeviceId", "?", data, false) { SubSequence = 0 },
            new("shardId-000000000001", "777", "dev-1", "MalformedJson", "?", data, false) { SubSequence = 3 },
        ];

        var report = Reconcile(Ledger("", "", first, second), [], [], rejects);

        Assert.All(report.Poison, p => Assert.True(p.Ok, $"expected {p.ExpectedReason}, found {p.FoundReason}"));
    }

    [Fact]
    public void Reconcile_PoisonRejectedForAnotherReason_IsAMissingReject()
    {
        var poison = new LedgerPoison(RejectReason.InvalidDeviceId, "dev-1", "shardId-000000000001", "777");
        var reject = new RejectedRow("shardId-000000000001", "777", "dev-1", "MalformedJson", "?", Convert.ToBase64String(Encoding.UTF8.GetBytes("{")), false);

        var report = Reconcile(Ledger("1", "", poison), [Window(0, 1, "1")], [Window(0, 1, "1")], reject);

        Assert.False(report.Ok);
        Assert.Equal("MalformedJson", Assert.Single(report.Poison).FoundReason);
    }
}
