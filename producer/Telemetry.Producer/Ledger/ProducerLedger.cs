using System.Text.Json.Serialization;
using Telemetry.Contracts;

namespace Telemetry.Producer.Ledger;

/// <summary>
/// What a simulator run knows it put on the stream, per device, for a checker to compare with what the pipeline
/// made of it (docs/simulator-faults-and-ledger.md). Written while the run goes and at its end; it never lists an
/// acknowledgement that did not happen.
/// </summary>
public sealed record ProducerLedger
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    public int LedgerVersion { get; init; } = CurrentVersion;

    public required string StreamName { get; init; }

    public required int Seed { get; init; }

    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset StartedAt { get; init; }

    [JsonConverter(typeof(UtcTimestampJsonConverter))]
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The run ended and wrote this last: every reading's fate is known. False: the run was still going (or was
    /// killed); readings above a device's highest listed sequence number, and poison put since, are not listed.
    /// </summary>
    public required bool Complete { get; init; }

    /// <summary>The run was stopped early (Ctrl+C) and flushed what it had.</summary>
    public bool Cancelled { get; init; }

    /// <summary>The lateness the too-late stamps were chosen against, in the project's duration syntax.</summary>
    [JsonConverter(typeof(DurationJsonConverter))]
    public required TimeSpan AllowedLateness { get; init; }

    public required IReadOnlyList<LedgerDevice> Devices { get; init; }

    /// <summary>Poison records Kinesis acknowledged, each expected in the rejected sink with its reason.</summary>
    public required IReadOnlyList<LedgerPoison> Poison { get; init; }

    public required LedgerCounts Sent { get; init; }

    /// <summary>
    /// The anomalies planned for the run and the alert events each should cause. Absent from ledgers written before
    /// anomalies existed, which read as none: an added field, so the format stays version 1.
    /// </summary>
    public IReadOnlyList<LedgerAnomaly> Anomalies { get; init; } = [];
}

/// <summary>One device's numbering run and the fate of its readings.</summary>
/// <param name="Acknowledged">Valid readings acknowledged by Kinesis at least once (too-late ones included).</param>
/// <param name="TooLate">Of <paramref name="Acknowledged"/>, those stamped beyond the lateness: expected rejected as TooLate.</param>
/// <param name="Unacknowledged">
/// Readings generated but never acknowledged: given up on after retries, or cut off by Ctrl+C or a kill. They may
/// or may not be on the stream (a call whose answer was lost).
/// </param>
public sealed record LedgerDevice(
    string DeviceId,
    string DeviceType,
    string Site,
    long Boot,
    [property: JsonConverter(typeof(SequenceRangesJsonConverter))] SequenceRanges Acknowledged,
    [property: JsonConverter(typeof(SequenceRangesJsonConverter))] SequenceRanges TooLate,
    [property: JsonConverter(typeof(SequenceRangesJsonConverter))] SequenceRanges Unacknowledged);

/// <summary>An acknowledged poison record and where Kinesis put it.</summary>
public sealed record LedgerPoison(
    [property: JsonConverter(typeof(JsonStringEnumConverter<RejectReason>))] RejectReason ExpectedReason,
    string PartitionKey,
    string? ShardId,
    string? SequenceNumber)
{
    /// <summary>Its place in the KPL aggregated record it went in; null when it went on its own.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SubSequence { get; init; }
}

/// <summary>Records handed to PutRecords at least once, by what they are.</summary>
/// <param name="Readings">Readings of the schedule (each counted once however often it was put).</param>
/// <param name="Duplicates">Second, byte-identical puts of readings.</param>
/// <param name="OutOfOrder">Readings held back behind later readings of their device.</param>
/// <param name="Late">Readings stamped late inside the lateness.</param>
/// <param name="TooLate">Readings stamped beyond the lateness.</param>
/// <param name="Poison">Poison records.</param>
public sealed record LedgerCounts(long Readings, long Duplicates, long OutOfOrder, long Late, long TooLate, long Poison);
