using Telemetry.Contracts;
using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Streams;

// One record of a batch after decoding: exactly one of Accepted and Rejected is set.
internal sealed record ClassifiedRecord(
    StreamRecord Source,
    SequenceNumber Sequence,
    SequencedReading? Accepted,
    RejectedRecord? Rejected)
{
    public string ShardId => Source.ShardId;
}
