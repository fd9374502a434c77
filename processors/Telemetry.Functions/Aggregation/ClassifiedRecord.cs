using Telemetry.Contracts;
using Telemetry.Processing.Batches;

namespace Telemetry.Functions.Aggregation;

// One record of a batch after decoding: exactly one of Accepted and Rejected is set. SequenceText is the
// sequence number exactly as delivered, which is what batchItemFailures must echo.
internal sealed record ClassifiedRecord(
    string ShardId,
    SequenceNumber Sequence,
    string SequenceText,
    SequencedReading? Accepted,
    RejectedRecord? Rejected);
