namespace Telemetry.Storage.Rejected;

// Attribute names of a rejected item, named once for the writer and the reader.
internal static class RejectedAttributes
{
    public const string Reason = "reason";
    public const string Message = "message";
    public const string PartitionKey = "partitionKey";
    public const string ShardId = "shardId";
    public const string SequenceNumber = "sequenceNumber";
    public const string SubSequence = "subSequence";
    public const string ArrivalTime = "arrivalTime";
    public const string RejectedAt = "rejectedAt";
    public const string Data = "data";
    public const string DataLength = "dataLength";
    public const string DataTruncated = "dataTruncated";
}
