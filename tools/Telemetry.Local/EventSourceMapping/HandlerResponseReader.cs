using System.Text.Json;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// Interprets a function's response the way Lambda does for stream sources with <c>ReportBatchItemFailures</c>:
/// no response, an empty or absent <c>batchItemFailures</c> list is success; an identifier that is empty, missing or
/// not in the batch fails the whole batch; otherwise processing resumes at the lowest failed sequence number.
/// </summary>
internal static class HandlerResponseReader
{
    public static InvocationOutcome Read(ReadOnlySpan<byte> response, IReadOnlyList<KinesisRecord> batch, bool reportBatchItemFailures)
    {
        if (IsBlank(response))
        {
            return new InvocationOutcome.Success();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(response.ToArray());
        }
        catch (JsonException ex)
        {
            return new InvocationOutcome.Failure($"the function returned invalid JSON: {ex.Message}");
        }

        using (document)
        {
            return reportBatchItemFailures ? ReadFailures(document.RootElement, batch) : new InvocationOutcome.Success();
        }
    }

    /// <summary>
    /// The state a tumbling-window invocation returned, as JSON text, or why the invocation counts as failed: Lambda
    /// fails a response without a <c>state</c> object, and the local host also one that reports item failures, since
    /// it cannot tell which part of the state they belong to.
    /// </summary>
    public static (string? State, string? Problem) ReadState(ReadOnlySpan<byte> response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.Object)
            {
                return (null, "the function's response has no state object, which a tumbling window requires");
            }

            if (root.TryGetProperty("batchItemFailures", out var failures) && failures.ValueKind == JsonValueKind.Array && failures.GetArrayLength() > 0)
            {
                return (null, "the function reported item failures in a tumbling window; the whole invocation is retried");
            }

            return (state.GetRawText(), null);
        }
        catch (JsonException ex)
        {
            return (null, $"the function returned invalid JSON: {ex.Message}");
        }
    }

    private static InvocationOutcome ReadFailures(JsonElement root, IReadOnlyList<KinesisRecord> batch)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("batchItemFailures", out var failures)
            || failures.ValueKind == JsonValueKind.Null)
        {
            return new InvocationOutcome.Success();
        }

        if (failures.ValueKind != JsonValueKind.Array)
        {
            return new InvocationOutcome.Failure("batchItemFailures is not an array");
        }

        int? lowest = null;
        foreach (var failure in failures.EnumerateArray())
        {
            var index = IndexOf(failure, batch);
            if (index is null)
            {
                return new InvocationOutcome.Failure($"batchItemFailures holds an item that names no record of the batch: {failure.GetRawText()}");
            }

            lowest = lowest is null ? index : Math.Min(lowest.Value, index.Value);
        }

        return lowest is null ? new InvocationOutcome.Success() : new InvocationOutcome.PartialFailure(lowest.Value);
    }

    private static int? IndexOf(JsonElement failure, IReadOnlyList<KinesisRecord> batch)
    {
        if (failure.ValueKind != JsonValueKind.Object
            || !failure.TryGetProperty("itemIdentifier", out var identifier)
            || identifier.ValueKind != JsonValueKind.String
            || identifier.GetString() is not { Length: > 0 } sequence
            || !SequenceNumber.TryParse(sequence, out var wanted))
        {
            return null;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (SequenceNumber.Parse(batch[i].SequenceNumber) == wanted)
            {
                return i;
            }
        }

        return null;
    }

    private static bool IsBlank(ReadOnlySpan<byte> response)
    {
        foreach (var b in response)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
