using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>What the watchdog does about one device now: nothing, or open or close a silence with its event.</summary>
public sealed record SilenceDecision(SilenceEpisode? Silence, AlertEvent Event);

/// <summary>
/// The watchdog's rule, pure: a device of a type with a silence threshold that has not been heard from for longer
/// than it is silent, once per silence; a silent device heard from since its silence began has resumed.
/// </summary>
public static class SilenceWatch
{
    /// <summary>
    /// The change for <paramref name="device"/> at <paramref name="now"/>, or null when there is none.
    /// <paramref name="lastSeenLag"/> is how stale the recorded last-seen time may be (it is written at most that
    /// often), added to the threshold so that a device still sending is never called silent.
    /// </summary>
    public static SilenceDecision? Check(SeenDevice device, AlertRuleSet rules, DateTimeOffset now, TimeSpan lastSeenLag)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(rules);
        if (device.Silence is { } silence)
        {
            return device.LastArrival > silence.LastArrival ? new SilenceDecision(null, Resumed(device, silence)) : null;
        }

        if (!rules.SilenceAfter.TryGetValue(device.DeviceType, out var after) || now - device.LastArrival <= after + lastSeenLag)
        {
            return null;
        }

        var opened = new SilenceEpisode(EpisodeIdOf(device), device.LastSeenAt, device.LastArrival);
        return new SilenceDecision(opened, Silent(device, opened, after));
    }

    // One silence per last reading: the watchdog deciding it again (overlapping runs, a retry) names it the same.
    private static string EpisodeIdOf(SeenDevice device) =>
        EpisodeIds.Of("silence", new Contracts.ReadingId(device.DeviceId, 0, device.LastArrival.ToUnixTimeMilliseconds()));

    private static AlertEvent Silent(SeenDevice device, SilenceEpisode silence, TimeSpan after) =>
        new(AlertEventTypes.DeviceSilent, silence.Id, device.DeviceId, device.DeviceType, device.Site, silence.LastSeenAt)
        {
            LastSeenAt = silence.LastSeenAt,
            SilentAfter = after,
        };

    private static AlertEvent Resumed(SeenDevice device, SilenceEpisode silence) =>
        new(AlertEventTypes.DeviceResumed, silence.Id, device.DeviceId, device.DeviceType, device.Site, silence.LastSeenAt)
        {
            LastSeenAt = silence.LastSeenAt,
            EndedAt = device.LastSeenAt,
        };
}
