using Telemetry.Contracts.Alerts;
using Telemetry.Producer.Ledger;

namespace Telemetry.Cli.Commands.Demo;

/// <summary>
/// The alerts a demo run received, against those its anomalies were planned to cause (docs/simulator-anomalies.md):
/// every expected transition once, and nothing for the run's other devices.
/// </summary>
/// <param name="Missing">Expected transitions not received, as <c>device DetailType</c>.</param>
/// <param name="Unexpected">Transitions of the run's devices that no anomaly planned.</param>
internal sealed record AlertCheck(int Raised, int Cleared, int Silent, int Resumed, int Expected, IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected)
{
    public bool Ok => Missing.Count == 0 && Unexpected.Count == 0;

    /// <summary>
    /// Compares what arrived from devices whose id starts with <paramref name="runPrefix"/> (other runs on the same stack
    /// are not this run's business) with the ledger's <paramref name="anomalies"/>.
    /// </summary>
    public static AlertCheck Of(IReadOnlyList<LedgerAnomaly> anomalies, IEnumerable<AlertEvent> received, string runPrefix)
    {
        ArgumentNullException.ThrowIfNull(anomalies);
        ArgumentNullException.ThrowIfNull(received);
        var ours = received.Where(e => e.DeviceId.StartsWith(runPrefix, StringComparison.Ordinal)).ToList();
        var expected = anomalies.SelectMany(a => a.Expected.Select(e => Name(a.DeviceId, e.DetailType))).ToList();
        var left = ours.Select(e => Name(e.DeviceId, e.DetailType)).ToList();
        var missing = new List<string>();
        foreach (var transition in expected)
        {
            if (!left.Remove(transition))
            {
                missing.Add(transition);
            }
        }

        return new AlertCheck(
            ours.Count(e => e.DetailType == AlertEventTypes.AlertRaised),
            ours.Count(e => e.DetailType == AlertEventTypes.AlertCleared),
            ours.Count(e => e.DetailType == AlertEventTypes.DeviceSilent),
            ours.Count(e => e.DetailType == AlertEventTypes.DeviceResumed),
            expected.Count,
            missing,
            left);
    }

    private static string Name(string deviceId, string detailType) => $"{deviceId} {detailType}";
}
