using Telemetry.Cli.Commands.Verify;
using Telemetry.Contracts;
using Telemetry.Producer.Ledger;

namespace Telemetry.Cli.Tests.Verify;

public class ArchiveTallyTests
{
    private const long Boot = 7;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static ProducerLedger Ledger(string acknowledged, string tooLate = "") => new()
    {
        StreamName = "telemetry",
        Seed = 1,
        StartedAt = Start,
        UpdatedAt = Start.AddMinutes(5),
        Complete = true,
        AllowedLateness = TimeSpan.FromHours(24),
        Devices = [new LedgerDevice("dev-1", "thermostat", "lab", Boot, SequenceRanges.Parse(acknowledged), SequenceRanges.Parse(tooLate), new SequenceRanges())],
        Poison = [],
        Sent = new LedgerCounts(0, 0, 0, 0, 0, 0),
    };

    private static Reading Reading(long seq, string device = "dev-1", long boot = Boot) =>
        new(2, device, "thermostat", "lab", Start.AddSeconds(seq), seq, new Dictionary<string, double> { ["temperature"] = 20 }, boot);

    private static ArchiveCoverage Tally(ProducerLedger ledger, params long[] archived)
    {
        var tally = new ArchiveTally(ledger);
        tally.AddObject();
        foreach (var seq in archived)
        {
            tally.Add(Reading(seq));
        }

        return tally.Coverage();
    }

    [Fact]
    public void Coverage_EveryAcknowledgedReadingArchived_IsOk()
    {
        var coverage = Tally(Ledger("1-5"), 1, 2, 3, 4, 5);

        Assert.True(coverage.Ok);
        Assert.Equal((5, 0, 0, 1), (coverage.Expected, coverage.Missing, coverage.Duplicated, coverage.Objects));
    }

    [Fact]
    public void Coverage_ReadingAbsent_IsMissingByRange()
    {
        var coverage = Tally(Ledger("1-5"), 1, 2, 5);

        Assert.False(coverage.Ok);
        Assert.Equal("3-4", Assert.Single(coverage.Devices).Missing.ToString());
    }

    [Fact]
    public void Coverage_ReadingArchivedTwice_IsDuplicatedButOk()
    {
        var coverage = Tally(Ledger("1-3"), 1, 2, 2, 3, 3);

        Assert.True(coverage.Ok);
        Assert.Equal(2, coverage.Duplicated);
    }

    [Fact]
    public void Coverage_TooLateReading_MustBeArchivedToo()
    {
        var coverage = Tally(Ledger("1-3", tooLate: "3"), 1, 2);

        Assert.False(coverage.Ok);
        Assert.Equal("3", Assert.Single(coverage.Devices).Missing.ToString());
    }

    [Fact]
    public void Add_OtherDeviceOrBoot_IsNotThisRun()
    {
        var tally = new ArchiveTally(Ledger("1"));
        tally.Add(Reading(1, device: "dev-2"));
        tally.Add(Reading(1, boot: Boot + 1));

        Assert.Equal(1, tally.Coverage().Missing);
    }

    [Fact]
    public void Coverage_UnreadableObject_IsNotOk()
    {
        var tally = new ArchiveTally(Ledger("1"));
        tally.Add(Reading(1));
        tally.AddUnreadable();

        Assert.False(tally.Coverage().Ok);
    }
}
