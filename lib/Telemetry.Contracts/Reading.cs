namespace Telemetry.Contracts;

/// <summary>
/// One sensor reading as a device publishes it: the producer's public contract, one JSON object per
/// Kinesis record, with no newline of its own: the archive's delivery stream puts each record on its own line.
/// </summary>
/// <param name="SchemaVersion">Version of this contract; see <see cref="ReadingSchema.CurrentVersion"/>.</param>
/// <param name="DeviceId">Stable device identifier; also the Kinesis partition key.</param>
/// <param name="DeviceType">Kind of device, for example <c>thermostat</c>; alert rules are scoped by it.</param>
/// <param name="Site">Where the device is installed.</param>
/// <param name="Timestamp">Device clock at measurement time, UTC, millisecond precision (event time).</param>
/// <param name="Sequence">Per-device counter within <paramref name="Boot"/>, strictly increasing, starting at 1.</param>
/// <param name="Metrics">Metric name to finite value.</param>
/// <param name="Boot">
/// Which numbering run <paramref name="Sequence"/> belongs to: a device changes it whenever its counter restarts
/// (a boot counter, or the boot time in milliseconds). Schema version 2; version 1 readings have 0.
/// </param>
public sealed record Reading(
    int SchemaVersion,
    string DeviceId,
    string DeviceType,
    string Site,
    DateTimeOffset Timestamp,
    long Sequence,
    IReadOnlyDictionary<string, double> Metrics,
    long Boot = 0)
{
    /// <summary>What makes this reading itself, however often it is delivered: its device, boot and sequence number.</summary>
    public ReadingId Id => new(DeviceId, Boot, Sequence);
}
