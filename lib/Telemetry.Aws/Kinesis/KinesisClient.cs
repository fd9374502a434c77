using System.Text.Json;
using Amazon.Runtime.Signing;
using Telemetry.Aws.JsonProtocol;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.Kinesis;

/// <summary>
/// <see cref="IKinesisClient"/> over the Kinesis AWS JSON 1.1 API, signed with SigV4 by AWSSDK.Core's
/// <see cref="SigV4SigningHandler"/>. One instance holds one HttpClient: create it once and share it.
/// </summary>
public sealed class KinesisClient : IKinesisClient, IDisposable
{
    public const string SigningName = "kinesis";
    public const string ServiceId = "KINESIS";

    /// <summary>The service's limit of records per PutRecords call.</summary>
    public const int MaxRecordsPerPut = 500;

    private const string TargetPrefix = "Kinesis_20131202.";

    private readonly AwsConnection _connection;
    private readonly AwsJsonTransport<KinesisException> _transport;
    private readonly int? _listShardsPageSize;

    /// <summary>Everything from the environment, like an AWS SDK client built without arguments.</summary>
    public KinesisClient()
        : this(new KinesisClientOptions())
    {
    }

    /// <exception cref="AwsConfigurationException">No region or no credentials can be found, or an endpoint variable is malformed.</exception>
    public KinesisClient(KinesisClientOptions options)
    {
        _connection = AwsConnection.Open(options, ServiceId, SigningName, SigningName);
        _transport = new AwsJsonTransport<KinesisException>(_connection, KinesisErrors.Service, TargetPrefix);
        _listShardsPageSize = options.ListShardsPageSize;
    }

    public Uri Endpoint => _connection.Endpoint;

    public string Region => _connection.Region;

    public async Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        var body = JsonSerializer.SerializeToUtf8Bytes(new CreateStreamRequest(streamName, shardCount), KinesisJsonContext.Default.CreateStreamRequest);
        await _transport.SendAsync<object>("CreateStream", body, null, cancellationToken);
    }

    public async Task<StreamSummary> DescribeStreamSummaryAsync(string streamName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        var body = JsonSerializer.SerializeToUtf8Bytes(new StreamNameRequest(streamName), KinesisJsonContext.Default.StreamNameRequest);
        var response = await _transport.SendAsync("DescribeStreamSummary", body, KinesisJsonContext.Default.DescribeStreamSummaryResponse, cancellationToken);
        var summary = response?.StreamDescriptionSummary ?? throw new KinesisException("DescribeStreamSummary answered without StreamDescriptionSummary.");
        return KinesisWireMapping.ToModel(summary);
    }

    public async Task<IReadOnlyList<Shard>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        var shards = new List<Shard>();
        string? nextToken = null;
        do
        {
            // The API rejects StreamName together with NextToken: the token already names the stream.
            var request = nextToken is null
                ? new ListShardsRequest(streamName, null, _listShardsPageSize)
                : new ListShardsRequest(null, nextToken, _listShardsPageSize);
            var body = JsonSerializer.SerializeToUtf8Bytes(request, KinesisJsonContext.Default.ListShardsRequest);
            var response = await _transport.SendAsync("ListShards", body, KinesisJsonContext.Default.ListShardsResponse, cancellationToken);
            foreach (var shard in response?.Shards ?? [])
            {
                shards.Add(KinesisWireMapping.ToModel(shard));
            }

            nextToken = string.IsNullOrEmpty(response?.NextToken) ? null : response.NextToken;
        }
        while (nextToken is not null);

        return shards;
    }

    public async Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(records.Count, 1, nameof(records));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(records.Count, MaxRecordsPerPut, nameof(records));

        using var buffer = new PooledBufferWriter(PutRecordsRequestWriter.EstimateSize(streamName, records));
        PutRecordsRequestWriter.Write(buffer, streamName, records);
        var response = await _transport.SendAsync("PutRecords", buffer.WrittenMemory, KinesisJsonContext.Default.PutRecordsResponse, cancellationToken);
        return KinesisWireMapping.ToModel(response!);
    }

    public async Task<string> GetShardIteratorAsync(string streamName, string shardId, ShardIteratorPosition position, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        ArgumentException.ThrowIfNullOrWhiteSpace(shardId);
        ArgumentNullException.ThrowIfNull(position);

        var needsSequence = position.Type is ShardIteratorType.AtSequenceNumber or ShardIteratorType.AfterSequenceNumber;
        if (needsSequence && string.IsNullOrWhiteSpace(position.SequenceNumber))
        {
            throw new ArgumentException($"{position.Type} needs a sequence number.", nameof(position));
        }

        if (position.Type == ShardIteratorType.AtTimestamp && position.Timestamp is null)
        {
            throw new ArgumentException("AtTimestamp needs a timestamp.", nameof(position));
        }

        var request = new GetShardIteratorRequest(
            streamName,
            shardId,
            KinesisWireMapping.IteratorTypeName(position.Type),
            needsSequence ? position.SequenceNumber : null,
            position.Type == ShardIteratorType.AtTimestamp ? KinesisWireMapping.ToEpochSeconds(position.Timestamp!.Value) : null);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, KinesisJsonContext.Default.GetShardIteratorRequest);
        var response = await _transport.SendAsync("GetShardIterator", body, KinesisJsonContext.Default.GetShardIteratorResponse, cancellationToken);
        return response?.ShardIterator ?? throw new KinesisException("GetShardIterator answered without ShardIterator.");
    }

    public async Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shardIterator);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
        var body = JsonSerializer.SerializeToUtf8Bytes(new GetRecordsRequest(shardIterator, limit), KinesisJsonContext.Default.GetRecordsRequest);
        var response = await _transport.SendAsync("GetRecords", body, KinesisJsonContext.Default.GetRecordsResponse, cancellationToken);
        return KinesisWireMapping.ToModel(response!);
    }

    public async Task SplitShardAsync(string streamName, string shardId, string newStartingHashKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        ArgumentException.ThrowIfNullOrWhiteSpace(shardId);
        ArgumentException.ThrowIfNullOrWhiteSpace(newStartingHashKey);
        var body = JsonSerializer.SerializeToUtf8Bytes(new SplitShardRequest(streamName, shardId, newStartingHashKey), KinesisJsonContext.Default.SplitShardRequest);
        await _transport.SendAsync<object>("SplitShard", body, null, cancellationToken);
    }

    public void Dispose() => _connection.Dispose();
}
