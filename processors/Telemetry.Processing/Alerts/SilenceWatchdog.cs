using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>What one watchdog run did.</summary>
/// <param name="Devices">Devices looked at.</param>
/// <param name="Silent">Silences opened.</param>
/// <param name="Resumed">Silences closed.</param>
/// <param name="Failed">Devices whose events are still to be published (their outbox is kept for the next run).</param>
/// <param name="Published">Events published, including those the alerter left in an outbox for a silence it found afterwards.</param>
public sealed record WatchdogOutcome(int Devices, int Silent, int Resumed, int Failed, int Published);

/// <summary>
/// One run of the silence watchdog: every device's last-seen record through <see cref="SilenceWatch"/>, with the
/// alerter's last measured lag on the device's shard allowed for; a decision is written with its event in the
/// device's outbox, conditioned on the version read and on the device not having been heard from meanwhile; then
/// recorded, published and emptied, as the alerter does with its pairs. Any other outbox found (a silence the
/// alerter found afterwards, an event a failed run left) is recorded, published and emptied the same way.
/// </summary>
public sealed class SilenceWatchdog(AlertRuleSet rules, ISeenStore seen, IAlertEpisodeLog episodes, IAlertPublisher publisher, TimeProvider time, TimeSpan lastSeenLag)
{
    public async Task<WatchdogOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var devices = await seen.ReadAllAsync(cancellationToken);
        // Lags after devices: a lag the alerter measured meanwhile is newer than the last-seen times read, and a
        // larger one (it fell behind) must not be missed.
        var lags = await seen.ReadLagsAsync(cancellationToken);
        int silent = 0, resumed = 0, failed = 0, published = 0;
        foreach (var stored in devices)
        {
            var current = stored;
            // A device whose shard was never measured (recorded before lags were, or by hand) is judged on the clock alone.
            var behind = current.Device.ShardId is { } shard && lags.TryGetValue(shard, out var lag) ? lag.Behind : TimeSpan.Zero;
            if (current.Outbox.Count == 0 && SilenceWatch.Check(current.Device, rules, now, lastSeenLag, behind) is { } decision)
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

            if (current.Outbox.Count == 0)
            {
                continue;
            }

            if (await PublishAsync(current, cancellationToken))
            {
                published += current.Outbox.Count;
            }
            else
            {
                failed++;
            }
        }

        return new WatchdogOutcome(devices.Count, silent, resumed, failed, published);
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
