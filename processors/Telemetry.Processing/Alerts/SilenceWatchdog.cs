using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>What one watchdog run did.</summary>
/// <param name="Devices">Devices looked at.</param>
/// <param name="Silent">Silences opened.</param>
/// <param name="Resumed">Silences closed.</param>
/// <param name="Failed">Devices whose events are still to be published (their outbox is kept for the next run).</param>
public sealed record WatchdogOutcome(int Devices, int Silent, int Resumed, int Failed);

/// <summary>
/// One run of the silence watchdog: every device's last-seen record through <see cref="SilenceWatch"/>; a decision
/// is written with its event in the device's outbox, conditioned on the version read and on the device not having
/// been heard from meanwhile; then recorded, published and emptied, as the alerter does with its pairs.
/// </summary>
public sealed class SilenceWatchdog(AlertRuleSet rules, ISeenStore seen, IAlertEpisodeLog episodes, IAlertPublisher publisher, TimeProvider time, TimeSpan lastSeenLag)
{
    public async Task<WatchdogOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var devices = await seen.ReadAllAsync(cancellationToken);
        int silent = 0, resumed = 0, failed = 0;
        foreach (var stored in devices)
        {
            var current = stored;
            if (current.Outbox.Count == 0 && SilenceWatch.Check(current.Device, rules, now, lastSeenLag) is { } decision)
            {
                // Lost to the alerter recording a reading or to another run: the next run looks again.
                if (!await seen.DecideAsync(current, decision.Silence, [decision.Event], cancellationToken))
                {
                    continue;
                }

                current = new StoredSeen(current.Device with { Silence = decision.Silence }, current.Version + 1, [decision.Event]);
                silent += decision.Silence is null ? 0 : 1;
                resumed += decision.Silence is null ? 1 : 0;
            }

            if (current.Outbox.Count > 0 && !await PublishAsync(current, cancellationToken))
            {
                failed++;
            }
        }

        return new WatchdogOutcome(devices.Count, silent, resumed, failed);
    }

    private async Task<bool> PublishAsync(StoredSeen current, CancellationToken cancellationToken)
    {
        if ((await episodes.RecordAsync(current.Outbox, cancellationToken)).Count > 0
            || (await publisher.PublishAsync(current.Outbox, cancellationToken)).Count > 0)
        {
            return false;
        }

        // Losing this write is fine: the outbox is published again next run, and subscribers drop the repeat.
        await seen.DecideAsync(current, current.Device.Silence, [], cancellationToken);
        return true;
    }
}
