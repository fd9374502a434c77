namespace Telemetry.Aws.EventBridge;

/// <summary>The outcome so far of each entry of one <see cref="EventBridgePublisher.PublishAsync"/>, by input index.</summary>
internal sealed class PublishState(IReadOnlyList<EventEntry> entries)
{
    private readonly string?[] _eventIds = new string?[entries.Count];
    private readonly string?[] _errorCodes = new string?[entries.Count];
    private readonly string?[] _errorMessages = new string?[entries.Count];
    private readonly int[] _attempts = new int[entries.Count];

    public IReadOnlyList<EventEntry> Entries => entries;

    public void CountAttempt(int index) => _attempts[index]++;

    public void Publish(int index, string? eventId)
    {
        _eventIds[index] = eventId;
        _errorCodes[index] = null;
        _errorMessages[index] = null;
    }

    public void Fail(int index, string errorCode, string? errorMessage)
    {
        _errorCodes[index] = errorCode;
        _errorMessages[index] = errorMessage;
    }

    public PublishResult ToResult() => new(entries
        .Select((entry, i) => new EventOutcome(i, entry, _eventIds[i], _errorCodes[i], _errorMessages[i], _attempts[i]))
        .ToArray());
}
