using System.Diagnostics;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>
/// The consumer's baseline: read every shard of a stream from its start to its tip with bare GetRecords calls (the
/// most a call returns, no decoding), one shard after the other as one consumer per shard would, added up.
/// </summary>
internal static class StreamDrain
{
    private const int MaxRecordsPerCall = 10_000;

    public static async Task<(long Records, long Bytes, TimeSpan Elapsed)> RunAsync(IKinesisClient kinesis, string stream, CancellationToken cancellationToken)
    {
        long records = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        foreach (var shard in await kinesis.ListShardsAsync(stream, cancellationToken))
        {
            var iterator = await kinesis.GetShardIteratorAsync(stream, shard.ShardId, ShardIteratorPosition.TrimHorizon, cancellationToken);
            while (iterator is not null)
            {
                var page = await kinesis.GetRecordsAsync(iterator, MaxRecordsPerCall, cancellationToken);
                records += page.Records.Count;
                bytes += page.Records.Sum(r => (long)r.Data.Length);
                // At the tip of an open shard: nothing is behind, so the shard is drained.
                iterator = page.Records.Count == 0 && page.MillisBehindLatest == 0 ? null : page.NextShardIterator;
            }
        }

        return (records, bytes, clock.Elapsed);
    }
}
