using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts.Archive;
using Telemetry.Local.Archive;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.Archive;

/// <summary>An archive store in memory that notes when (on the fake clock) each object was stored, and can fail on demand.</summary>
internal sealed class MemoryArchiveStore(TimeProvider time) : IArchiveStore
{
    private int _failuresLeft;

    public ConcurrentQueue<StoredObject> Objects { get; } = new();

    public void FailNext(int times) => _failuresLeft = times;

    public Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new IOException("the bucket is not answering");
        }

        Objects.Enqueue(new StoredObject(key, content, time.GetUtcNow(), contentType));
        return Task.CompletedTask;
    }
}

internal sealed record StoredObject(string Key, byte[] Content, DateTimeOffset StoredAt, string ContentType)
{
    public IReadOnlyList<string> Lines => [.. new NdjsonGzipFormat().Read(new MemoryStream(Content)).Select(l => Encoding.UTF8.GetString(l.Span))];
}

/// <summary>Notes every checkpoint and failure the delivery stream reports.</summary>
internal sealed class RecordingSinkHost : IRecordSinkHost
{
    public ConcurrentQueue<(string ShardId, string SequenceNumber, int Records)> Commits { get; } = new();

    public ConcurrentQueue<string> Failures { get; } = new();

    private int _commitFailuresLeft;

    public void FailNextCommit() => _commitFailuresLeft = 1;

    public Task CommitAsync(string shardId, string sequenceNumber, int records, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _commitFailuresLeft) >= 0)
        {
            throw new IOException("the checkpoint file could not be written");
        }

        Commits.Enqueue((shardId, sequenceNumber, records));
        return Task.CompletedTask;
    }

    public void Fail(string message) => Failures.Enqueue(message);

    public void Log(string message)
    {
    }
}

internal static class DeliveryStreams
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 59, 0, TimeSpan.Zero);

    public static ArchiveSettings Settings(int sizeMb = 1, int intervalSeconds = 60) => new()
    {
        BufferingSizeMb = sizeMb,
        BufferingInterval = TimeSpan.FromSeconds(intervalSeconds),
        Prefix = FirehosePrefix.Parse("raw/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/", false),
        ErrorOutputPrefix = FirehosePrefix.Parse("errors/!{firehose:error-output-type}/", true),
    };

    public static KinesisRecord Record(long sequence, DateTimeOffset arrival, string text) =>
        new(sequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture), arrival, Encoding.UTF8.GetBytes(text), "device");

    public static (DeliveryStream Stream, MemoryArchiveStore Store, RecordingSinkHost Host, FakeTimeProvider Time) Create(ArchiveSettings? settings = null)
    {
        var time = new FakeTimeProvider(Start);
        var store = new MemoryArchiveStore(time);
        var host = new RecordingSinkHost();
        return (new DeliveryStream(settings ?? Settings(), store, time, host), store, host, time);
    }
}
