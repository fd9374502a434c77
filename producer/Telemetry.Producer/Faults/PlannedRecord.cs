using Telemetry.Contracts;
using Telemetry.Producer.Sending;

namespace Telemetry.Producer.Faults;

/// <summary>What a planned record is to the pipeline.</summary>
public enum PlannedKind
{
    /// <summary>A reading of the schedule, put for the first time.</summary>
    Reading,

    /// <summary>The same bytes as an earlier <see cref="Reading"/>, put again.</summary>
    Duplicate,

    /// <summary>An extra record the decoder must reject with <see cref="PlannedRecord.ExpectedReason"/>.</summary>
    Poison,
}

/// <summary>
/// One record the run will put, with when it may go (<see cref="Release"/>, an offset from the schedule's start)
/// and what the ledger must know of it.
/// </summary>
public sealed class PlannedRecord
{
    public required OutgoingRecord Record { get; init; }

    public required PlannedKind Kind { get; init; }

    /// <summary>Not before this offset from the schedule's start; equal releases go in <see cref="Order"/>.</summary>
    public required TimeSpan Release { get; init; }

    /// <summary>Position in the order records were planned, which breaks ties of <see cref="Release"/>.</summary>
    public required long Order { get; init; }

    /// <summary>The reading's device and sequence number; for poison, the device whose partition key it uses.</summary>
    public required string DeviceId { get; init; }

    public long Sequence { get; init; }

    /// <summary>Held back to go after later readings of its device.</summary>
    public bool OutOfOrder { get; init; }

    /// <summary>Stamped late on purpose, inside the allowed lateness.</summary>
    public bool Late { get; init; }

    /// <summary>Stamped beyond the allowed lateness (on purpose, or already so when generated): expected rejected as too late.</summary>
    public bool TooLate { get; init; }

    public RejectReason ExpectedReason { get; init; }

    /// <summary>For a <see cref="PlannedKind.Duplicate"/>, the record it repeats; it must not share a call with it.</summary>
    public PlannedRecord? Original { get; init; }

    /// <summary>Set once a call carrying the record has returned (acknowledged or given up); read on the sending thread only.</summary>
    public bool Sent { get; set; }
}
