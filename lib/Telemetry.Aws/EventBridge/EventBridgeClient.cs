using System.Text.Json;
using Amazon.Runtime.Signing;
using Telemetry.Aws.JsonProtocol;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.EventBridge;

/// <summary>
/// <see cref="IEventBridgeClient"/> over the EventBridge AWS JSON 1.1 API (<c>AWSEvents.PutEvents</c>), signed
/// with SigV4 by AWSSDK.Core's <see cref="SigV4SigningHandler"/>. Whole calls that fail with throttling, 5xx or a
/// transport error are retried; per-entry failures are returned. One instance holds one HttpClient: share it.
/// </summary>
public sealed class EventBridgeClient : IEventBridgeClient, IDisposable
{
    public const string SigningName = "events";

    /// <summary>The SDK service id: the endpoint variable is AWS_ENDPOINT_URL_EVENTBRIDGE.</summary>
    public const string ServiceId = "EventBridge";

    private const string EndpointPrefix = "events";
    private const string TargetPrefix = "AWSEvents.";

    private readonly AwsConnection _connection;
    private readonly AwsJsonTransport<EventBridgeException> _transport;

    /// <summary>Everything from the environment, like an AWS SDK client built without arguments.</summary>
    public EventBridgeClient()
        : this(new EventBridgeClientOptions())
    {
    }

    /// <exception cref="AwsConfigurationException">No region or no credentials can be found, or an endpoint variable is malformed.</exception>
    public EventBridgeClient(EventBridgeClientOptions options)
    {
        _connection = AwsConnection.Open(options, ServiceId, EndpointPrefix, SigningName);
        _transport = new AwsJsonTransport<EventBridgeException>(_connection, EventBridgeErrors.Service, TargetPrefix);
    }

    public Uri Endpoint => _connection.Endpoint;

    public string Region => _connection.Region;

    public async Task<PutEventsResult> PutEventsAsync(string eventBusName, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventBusName);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfLessThan(entries.Count, 1, nameof(entries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(entries.Count, PutEventsLimits.MaxEntriesPerCall, nameof(entries));
        var size = entries.Sum(PutEventsLimits.EntrySize);
        if (size > PutEventsLimits.MaxBytesPerCall)
        {
            throw new ArgumentException($"The entries come to {size} bytes; one PutEvents call takes at most {PutEventsLimits.MaxBytesPerCall}.", nameof(entries));
        }

        var request = new PutEventsRequest(entries.Select(e => ToWire(eventBusName, e)).ToArray());
        var body = JsonSerializer.SerializeToUtf8Bytes(request, EventBridgeJsonContext.Default.PutEventsRequest);
        var response = await _transport.SendAsync("PutEvents", body, EventBridgeJsonContext.Default.PutEventsResponse, cancellationToken);
        var answered = response!.Entries ?? [];

        // Results are matched to entries by position; a short answer would pin a failure on the wrong event.
        if (answered.Count != entries.Count)
        {
            throw new EventBridgeException($"EventBridge answered PutEvents with {answered.Count} entries for {entries.Count} sent.");
        }

        return new PutEventsResult(response.FailedEntryCount, answered.Select(e => new PutEventsResultEntry(e.EventId, e.ErrorCode, e.ErrorMessage)).ToArray());
    }

    private static PutEventsRequestEntryWire ToWire(string eventBusName, EventEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new PutEventsRequestEntryWire(
            entry.Source,
            entry.DetailType,
            entry.Detail,
            eventBusName,
            entry.Time is { } time ? AwsJsonTimestamp.ToEpochSeconds(time) : null,
            entry.Resources is { Count: > 0 } resources ? resources : null);
    }

    public void Dispose() => _connection.Dispose();
}
