using Telemetry.Aws.Kinesis;

namespace Telemetry.Cli.Tests;

/// <summary>Every record a stream holds, shard by shard from its trim horizon to its tip.</summary>
internal static class StreamReadBack
{
    public static async Task<List<KinesisRecord>> AllAsync(IKinesisClient client, string stream)
    {
        var all = new List<KinesisRecord>();
        foreach (var shard in await client.ListShardsAsync(stream))
        {
            var iterator = await client.GetShardIteratorAsync(stream, shard.ShardId, ShardIteratorPosition.TrimHorizon);
            while (iterator is not null)
            {
                var page = await client.GetRecordsAsync(iterator, 10_000);
                all.AddRange(page.Records);
                iterator = page.Records.Count == 0 && page.MillisBehindLatest == 0 ? null : page.NextShardIterator;
            }
        }

        return all;
    }
}
