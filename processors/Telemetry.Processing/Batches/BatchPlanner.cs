namespace Telemetry.Processing.Batches;

/// <summary>
/// Groups a batch by the windows it touches, so that each stored window is written once per batch
/// however many readings land in it.
/// </summary>
public static class BatchPlanner
{
    /// <summary>
    /// One entry per window touched by <paramref name="readings"/>, each with its readings sorted by shard
    /// and sequence number (a batch is not guaranteed to arrive sorted); windows come out in key order.
    /// </summary>
    public static IReadOnlyList<WindowContributions> GroupByWindow(
        IEnumerable<SequencedReading> readings, AggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(options);

        var byWindow = new Dictionary<WindowKey, List<SequencedReading>>();
        foreach (var reading in readings)
        {
            foreach (var key in WindowAssigner.KeysFor(reading.Reading, options))
            {
                if (!byWindow.TryGetValue(key, out var list))
                {
                    list = [];
                    byWindow.Add(key, list);
                }

                list.Add(reading);
            }
        }

        return byWindow
            .OrderBy(pair => pair.Key.DeviceId, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Resolution)
            .ThenBy(pair => pair.Key.Start)
            .Select(pair => new WindowContributions(
                pair.Key,
                [.. pair.Value.OrderBy(r => r.ShardId, StringComparer.Ordinal).ThenBy(r => r.Sequence).ThenBy(r => r.SubSequence)]))
            .ToList();
    }
}
