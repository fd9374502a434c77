using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>What the watchdog does about one device now: nothing, or open or close a silence with its event.</summary>
public sealed record SilenceDecision(SilenceEpisode? Silence, AlertEvent Event);

/// <summary>
/// The silence rule, pure (docs/alerter.md): a device of a type with a silence threshold that has not been heard
/// from for longer than the threshold plus the last-seen lag is silent, once per silence; a silent device heard from
/// since has resumed. The watchdog applies it to the clock (<see cref="Check"/>); the alerter applies it to the
/// readings it records, for the silences that ended before the watchdog looked (<see cref="Missed"/>).
/// </summary>
public static class SilenceWatch
{
    /// <summary>How stale a recorded last-seen time may be: the alerter writes it at most this often per device.</summary>
    public static readonly TimeSpan DefaultLastSeenLag = TimeSpan.FromSeconds(15);

    private const string EpisodeRule = "silence";

    /// <summary>
    /// The change for <paramref name="device"/> at <paramref name="now"/>, or null when there is none.
    /// <paramref name="lastSeenLag"/> is how stale the recorded last-seen time may be (it is written at most that
    /// often), added to the threshold so that a device still sending is never called silent.
    /// <paramref name="alerterBehind"/> is how far behind the stream the alerter was on the device's shard when it
    /// last measured: readings that arrived since then may not be recorded yet, so silence is measured up to
    /// <paramref name="now"/> minus that lag.
    /// </summary>
    public static SilenceDecision? Check(SeenDevice device, AlertRuleSet rules, DateTimeOffset now, TimeSpan lastSeenLag, TimeSpan alerterBehind)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(rules);
        if (device.Silence is { } silence)
        {
            return device.LastArrival > silence.LastArrival ? new SilenceDecision(null, Resumed(device.DeviceId, device.DeviceType, device.Site, silence, device.LastSeenAt)) : null;
        }

        if (!rules.SilenceAfter.TryGetValue(device.DeviceType, out var after) || now - alerterBehind - device.LastArrival <= after + lastSeenLag)
        {
            return null;
        }

        var opened = new SilenceEpisode(EpisodeIdOf(device.DeviceId, device.LastArrival), device.LastSeenAt, device.LastArrival);
        return new SilenceDecision(opened, Silent(device.DeviceId, device.DeviceType, device.Site, opened, after));
    }

    /// <summary>
    /// The oldest stored last arrival of a device of <paramref name="deviceType"/> from which <paramref name="heard"/>
    /// reveals no silence: its latest reading that follows a gap longer than threshold plus lag (or its first), minus
    /// threshold plus lag. A device stored at or after it, or in an open silence, needs nothing but the plain update;
    /// null when the type has no threshold.
    /// </summary>
    public static DateTimeOffset? GapFloor(string deviceType, IReadOnlyList<HeardReading> heard, AlertRuleSet rules, TimeSpan lastSeenLag)
    {
        ArgumentNullException.ThrowIfNull(heard);
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.SilenceAfter.TryGetValue(deviceType, out var after) || heard.Count == 0)
        {
            return null;
        }

        var limit = after + lastSeenLag;
        var ordered = heard.Select(h => h.Arrival).Order().ToList();
        var start = ordered[0];
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i] - ordered[i - 1] > limit)
            {
                start = ordered[i];
            }
        }

        return start - limit;
    }

    /// <summary>
    /// The silences of <paramref name="stored"/> that <paramref name="heard"/> shows to have begun and ended, each as
    /// <c>DeviceSilent</c> then <c>DeviceResumed</c>: between the stored last arrival and the first reading newer
    /// than it, and between consecutive readings, every gap in arrival longer than threshold plus lag. Each is named
    /// as <see cref="Check"/> names the silence after that last arrival, so the watchdog and the alerter cannot
    /// report one silence under two ids. Nothing when a silence is open (the watchdog resumes it), for a type
    /// without a threshold, or for readings no newer than the stored one (a redelivery or a replay).
    /// </summary>
    public static IReadOnlyList<AlertEvent> Missed(SeenDevice stored, SeenUpdate update, IReadOnlyList<HeardReading> heard, AlertRuleSet rules, TimeSpan lastSeenLag)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(heard);
        ArgumentNullException.ThrowIfNull(rules);
        if (stored.Silence is not null || !rules.SilenceAfter.TryGetValue(update.DeviceType, out var after))
        {
            return [];
        }

        var events = new List<AlertEvent>();
        var last = new HeardReading(stored.LastArrival, stored.LastSeenAt);
        foreach (var next in heard.Where(h => h.Arrival > stored.LastArrival).OrderBy(h => h.Arrival).ThenBy(h => h.DeviceTime))
        {
            if (next.Arrival - last.Arrival > after + lastSeenLag)
            {
                var silence = new SilenceEpisode(EpisodeIdOf(update.DeviceId, last.Arrival), last.DeviceTime, last.Arrival);
                events.Add(Silent(update.DeviceId, update.DeviceType, update.Site, silence, after));
                events.Add(Resumed(update.DeviceId, update.DeviceType, update.Site, silence, next.DeviceTime));
            }

            last = next;
        }

        return events;
    }

    // One silence per last reading: the watchdog deciding it again (overlapping runs, a retry), or the alerter finding
    // it afterwards, names it the same.
    private static string EpisodeIdOf(string deviceId, DateTimeOffset lastArrival) =>
        EpisodeIds.Of(EpisodeRule, new Contracts.ReadingId(deviceId, 0, lastArrival.ToUnixTimeMilliseconds()));

    private static AlertEvent Silent(string deviceId, string deviceType, string site, SilenceEpisode silence, TimeSpan after) =>
        new(AlertEventTypes.DeviceSilent, silence.Id, deviceId, deviceType, site, silence.LastSeenAt)
        {
            LastSeenAt = silence.LastSeenAt,
            SilentAfter = after,
        };

    private static AlertEvent Resumed(string deviceId, string deviceType, string site, SilenceEpisode silence, DateTimeOffset endedAt) =>
        new(AlertEventTypes.DeviceResumed, silence.Id, deviceId, deviceType, site, silence.LastSeenAt)
        {
            LastSeenAt = silence.LastSeenAt,
            EndedAt = endedAt,
        };
}
