using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Producer.Ledger;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Verify;

/// <summary>
/// Compares what a producer's ledger says Kinesis acknowledged with what the rollups absorbed and what the rejected
/// sink holds. Pure: the caller reads the table.
/// </summary>
internal static class Reconciliation
{
    /// <param name="ledger">What the producer put and had acknowledged.</param>
    /// <param name="windows">Per device id and resolution, the stored windows.</param>
    /// <param name="rejects">What the rejected sink holds, decoded.</param>
    public static VerifyReport Reconcile(
        ProducerLedger ledger, Func<string, Resolution, IReadOnlyList<AbsorbedWindow>> windows, RejectedIndex rejects)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var devices = ledger.Devices.Select(d => Device(d, windows(d.DeviceId, Resolution.Minute), windows(d.DeviceId, Resolution.Hour), rejects)).ToList();
        var poison = ledger.Poison
            .Where(p => p.ShardId is not null && p.SequenceNumber is not null)
            .Select(p => new PoisonVerdict(p.ExpectedReason.ToString(), p.ShardId!, p.SequenceNumber!, rejects.ReasonAt(p.ShardId!, p.SequenceNumber!, p.SubSequence)))
            .ToList();
        return new VerifyReport(devices, poison);
    }

    private static DeviceVerdict Device(LedgerDevice device, IReadOnlyList<AbsorbedWindow> minutes, IReadOnlyList<AbsorbedWindow> hours, RejectedIndex rejects)
    {
        var expected = device.Acknowledged.Except(device.TooLate);
        var (countedMinutes, duplicatedMinutes) = Counted(minutes, device.Boot);
        var (countedHours, duplicatedHours) = Counted(hours, device.Boot);

        var missing = expected.Except(countedMinutes);
        missing.UnionWith(expected.Except(countedHours));
        var counted = new SequenceRanges(countedMinutes);
        counted.UnionWith(countedHours);
        var tooLateCounted = device.TooLate.Except(device.TooLate.Except(counted));
        var tooLateNotRejected = device.TooLate.Except(rejects.TooLate(device.DeviceId, device.Boot));

        var unacknowledgedCounted = device.Unacknowledged.Count - device.Unacknowledged.Except(countedMinutes).Count;
        return new DeviceVerdict(
            device.DeviceId,
            device.Boot,
            expected.Count,
            expected.Count - expected.Except(countedMinutes).Count,
            device.TooLate.Count,
            missing,
            Math.Max(duplicatedMinutes, duplicatedHours),
            tooLateCounted,
            tooLateNotRejected,
            unacknowledgedCounted);
    }

    // Readings of this boot absorbed across the windows, and how many readings the windows count beyond their
    // distinct identities: a reading absorbed twice in a window, or in two windows of one resolution.
    private static (SequenceRanges Counted, long Duplicated) Counted(IReadOnlyList<AbsorbedWindow> windows, long boot)
    {
        var counted = new SequenceRanges();
        long duplicated = 0, perWindow = 0;
        foreach (var window in windows)
        {
            duplicated += Math.Max(0, window.Readings - window.Absorbed.Count);
            if (window.Absorbed.ByBoot.TryGetValue(boot, out var ranges))
            {
                perWindow += ranges.Count;
                counted.UnionWith(ranges);
            }
        }

        return (counted, duplicated + (perWindow - counted.Count));
    }
}
