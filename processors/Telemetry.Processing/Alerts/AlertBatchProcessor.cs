using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Streams;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// The alerter's processing of one batch of stream records (docs/alerter.md): rejects go to the rejected sink;
/// each device's readings, in the device's order, are folded into every rule that watches them; a pair whose state
/// changed is written conditioned on the version read, together with the events it decided (its outbox); then the
/// outbox is recorded in the episode history, published, and emptied. Then each device's last-seen time, with any
/// silence the watchdog missed, and each shard's lag go to the last-seen records (<see cref="LastSeenRecorder"/>).
/// A device whose effect was not stored and published is reported failed, and its records come back: reading
/// identity makes the fold skip what was applied, and the stored outbox is published then, so nothing is raised or
/// cleared twice and no event is lost.
/// </summary>
public sealed class AlertBatchProcessor
{
    private const int ConflictAttempts = 5;

    private readonly AlertRuleSet rules;
    private readonly IAlertStateStore states;
    private readonly IAlertPublisher publisher;
    private readonly IAlertEpisodeLog episodes;
    private readonly LastSeenRecorder lastSeen;
    private readonly IRejectedStore rejected;
    private readonly TimeProvider timeProvider;

    // False for a replay: last-seen times and missed silences are the live alerter's and the watchdog's, and a
    // replay of old records would bring back devices forgotten since, or name its own shard.
    private readonly bool recordsLastSeen;

    public AlertBatchProcessor(
        AlertRuleSet rules,
        IAlertStateStore states,
        IAlertEpisodeLog episodes,
        IAlertPublisher publisher,
        ISeenStore seen,
        IRejectedStore rejected,
        TimeProvider timeProvider,
        TimeSpan lastSeenLag,
        bool recordsLastSeen = true)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(rejected);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.rules = rules;
        this.states = states;
        this.publisher = publisher;
        this.episodes = episodes;
        this.rejected = rejected;
        this.timeProvider = timeProvider;
        lastSeen = new LastSeenRecorder(rules, seen, lastSeenLag);
        this.recordsLastSeen = recordsLastSeen;
    }

    /// <summary>
    /// How many devices of a batch are processed at once (1: one after another). Each device costs a few DynamoDB
    /// round trips, so a batch of a hundred devices one by one spent most of its time waiting.
    /// </summary>
    public int DeviceConcurrency
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one device at a time.");
    } = 1;

    public async Task<BatchOutcome> ProcessAsync(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var now = timeProvider.GetUtcNow();

        // Lateness is the rollups' concern: an alert is decided in the device's own order, however late it arrives.
        var classified = RecordClassifier.ClassifyAll(records, now, lateness: null);
        var rejects = classified.Where(r => r.Rejected is not null).Select(r => r.Rejected!).ToList();
        var failedRejects = await rejected.StoreAsync(rejects, now, cancellationToken);
        var failed = new HashSet<(string, SequenceNumber)>(failedRejects.Select(r => (r.ShardId, SequenceNumber.Parse(r.SequenceNumber))));

        var accepted = classified.Where(r => r.Accepted is not null).ToList();
        var devices = accepted.GroupBy(r => r.Accepted!.Reading.DeviceId, StringComparer.Ordinal).ToList();
        var done = new bool[devices.Count];
        // Devices share nothing (their own state items, conditional writes), so their round trips may overlap;
        // each device's readings are still folded, written and published in its own order.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, devices.Count),
            new ParallelOptions { MaxDegreeOfParallelism = DeviceConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => done[i] = await ProcessDeviceAsync(devices[i].Key, devices[i].Select(r => r.Accepted!.Reading), ct));

        var heard = new List<IReadOnlyList<ClassifiedRecord>>();
        for (var i = 0; i < devices.Count; i++)
        {
            if (done[i])
            {
                heard.Add(devices[i].ToList());
            }
            else
            {
                failed.UnionWith(devices[i].Select(r => (r.ShardId, r.Sequence)));
            }
        }

        if (recordsLastSeen)
        {
            var notRecorded = await lastSeen.RecordAsync(heard, cancellationToken);
            failed.UnionWith(heard.Where(d => notRecorded.Contains(d[0].Accepted!.Reading.DeviceId)).SelectMany(d => d.Select(r => (r.ShardId, r.Sequence))));
            await lastSeen.RecordLagAsync(classified, now, cancellationToken);
        }

        var failedRecords = classified.Where(r => failed.Contains((r.ShardId, r.Sequence))).Select(r => r.Source).ToList();
        return new BatchOutcome(classified.Count, accepted.Count, rejects.Count, failedRecords);
    }

    private async Task<bool> ProcessDeviceAsync(string deviceId, IEnumerable<Reading> readings, CancellationToken cancellationToken)
    {
        var ordered = readings.DistinctBy(r => r.Id).OrderBy(r => r.Boot).ThenBy(r => r.Sequence).ToList();
        var watching = ordered.SelectMany(rules.Watching).DistinctBy(r => r.Id).ToList();
        for (var attempt = 0; attempt < ConflictAttempts; attempt++)
        {
            var stored = await states.LoadAsync(deviceId, cancellationToken);
            var result = await ApplyAsync(deviceId, ordered, watching, stored, cancellationToken);
            if (result is not null)
            {
                return result.Value;
            }
        }

        return false;
    }

    // True: stored and published; false: stored, not all published; null: lost a write to another writer.
    private async Task<bool?> ApplyAsync(
        string deviceId, IReadOnlyList<Reading> readings, IReadOnlyList<AlertRule> watching, IReadOnlyDictionary<string, StoredAlertState> stored, CancellationToken cancellationToken)
    {
        var published = true;
        var pending = stored.Where(p => p.Value.Outbox.Count > 0 && watching.All(r => r.Id != p.Key)).Select(p => (p.Key, (AlertRule?)null));
        foreach (var (ruleId, rule) in watching.Select(r => (r.Id, (AlertRule?)r)).Concat(pending))
        {
            var current = stored.GetValueOrDefault(ruleId) ?? StoredAlertState.None;
            var next = rule is null ? current : Fold(rule, current, readings);
            if (!ReferenceEquals(next, current) && !await states.SaveAsync(deviceId, ruleId, next, current.Version, cancellationToken))
            {
                return null;
            }

            published &= await PublishOutboxAsync(deviceId, ruleId, next, cancellationToken);
        }

        return published;
    }

    // The stored pair after the readings, or the same instance when nothing worth writing changed: the last reading
    // applied alone is not written, since applying a reading that changed nothing again changes nothing again.
    private static StoredAlertState Fold(AlertRule rule, StoredAlertState current, IReadOnlyList<Reading> readings)
    {
        var state = current.State;
        var events = new List<AlertEvent>();
        foreach (var reading in readings)
        {
            var step = AlertEvaluator.Apply(rule, state, reading);
            state = step.State;
            if (step.Transition is { } transition)
            {
                events.Add(AlertEvents.From(rule, reading, transition));
            }
        }

        var changed = events.Count > 0 || state with { LastApplied = null } != current.State with { LastApplied = null };
        return changed ? new StoredAlertState(state, current.Version + 1, [.. current.Outbox, .. events]) : current;
    }

    private async Task<bool> PublishOutboxAsync(string deviceId, string ruleId, StoredAlertState saved, CancellationToken cancellationToken)
    {
        if (saved.Outbox.Count == 0)
        {
            return true;
        }

        // History first: an event a subscriber has seen is always in the history a person can query.
        if ((await episodes.RecordAsync(saved.Outbox, cancellationToken)).Count > 0
            || (await publisher.PublishAsync(saved.Outbox, cancellationToken)).Count > 0)
        {
            return false;
        }

        // Losing this write to another writer is fine: that writer holds the outbox, or has published it already.
        // Either way an event may go out twice, which subscribers drop by (episodeId, detail type).
        await states.SaveAsync(deviceId, ruleId, saved with { Version = saved.Version + 1, Outbox = [] }, saved.Version, cancellationToken);
        return true;
    }
}
