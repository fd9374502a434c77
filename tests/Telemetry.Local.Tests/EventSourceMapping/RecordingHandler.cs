using System.Text;
using System.Text.Json;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

/// <summary>
/// A fake function: records every event it is invoked with, then answers as <see cref="Respond"/> says
/// (default: an empty batchItemFailures list). <see cref="Respond"/> may throw to simulate a function error.
/// </summary>
public sealed class RecordingHandler
{
    private readonly Lock _gate = new();
    private readonly List<Invocation> _invocations = [];

    public Func<Invocation, string?> Respond { get; set; } = _ => """{"batchItemFailures":[]}""";

    public StreamHandler Handler => HandleAsync;

    public IReadOnlyList<Invocation> Invocations
    {
        get
        {
            lock (_gate)
            {
                return [.. _invocations];
            }
        }
    }

    private async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(cancellationToken);
        Invocation invocation;
        lock (_gate)
        {
            invocation = Invocation.Parse(_invocations.Count, json);
            _invocations.Add(invocation);
        }

        var response = Respond(invocation);
        return new MemoryStream(Encoding.UTF8.GetBytes(response ?? string.Empty));
    }
}

public sealed record Invocation(int Index, string Json, IReadOnlyList<DeliveredRecord> Records)
{
    public string ShardId => Records[0].ShardId;

    public bool Contains(string sequenceNumber) => Records.Any(record => record.SequenceNumber == sequenceNumber);

    public static Invocation Parse(int index, string json)
    {
        using var document = JsonDocument.Parse(json);
        var records = document.RootElement.GetProperty("Records").EnumerateArray()
            .Select(record =>
            {
                var kinesis = record.GetProperty("kinesis");
                var eventId = record.GetProperty("eventID").GetString()!;
                return new DeliveredRecord(
                    eventId[..eventId.IndexOf(':', StringComparison.Ordinal)],
                    kinesis.GetProperty("sequenceNumber").GetString()!,
                    kinesis.GetProperty("partitionKey").GetString()!,
                    Convert.FromBase64String(kinesis.GetProperty("data").GetString()!));
            })
            .ToList();
        return new Invocation(index, json, records);
    }
}

public sealed record DeliveredRecord(string ShardId, string SequenceNumber, string PartitionKey, byte[] Data)
{
    public string Text => Encoding.UTF8.GetString(Data);
}
