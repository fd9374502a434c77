using System.Text.Json;
using Telemetry.Aws.EventBridge;

namespace Telemetry.Aws.Tests.Support;

internal static class EventBridgeClients
{
    public const string Region = "eu-west-1";
    public const string Bus = "telemetry-alerts";
    public static readonly Uri Endpoint = new("http://events.test:4010/");

    public static EventBridgeClientOptions Options(HttpMessageHandler handler) => StubbedOptions.For(new EventBridgeClientOptions(), handler, Endpoint, Region);

    public static EventBridgeClient Create(HttpMessageHandler handler) => new(Options(handler));

    public static EventEntry Entry(int n, string detail = """{"alert":"high"}""") => new("telemetry.alerts", $"Alert {n}", detail);

    public static EventEntry[] Entries(int count) => Enumerable.Range(0, count).Select(n => Entry(n)).ToArray();

    /// <summary>A PutEvents answer: null for a success (event id "id-N" by position), else the entry's error code.</summary>
    public static string Answer(params string?[] errorCodes)
    {
        var entries = errorCodes.Select((code, i) => code is null
            ? (object)new Dictionary<string, string> { ["EventId"] = $"id-{i}" }
            : new Dictionary<string, string> { ["ErrorCode"] = code, ["ErrorMessage"] = $"{code} for entry {i}" });
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["FailedEntryCount"] = errorCodes.Count(c => c is not null),
            ["Entries"] = entries.ToArray(),
        });
    }

    public static string AllPublished(int count) => Answer(new string?[count]);

    public static string[] DetailTypes(RecordedRequest request) => DetailTypes(request.Body);

    /// <summary>The DetailType of each entry of a PutEvents body, in order.</summary>
    public static string[] DetailTypes(string json)
    {
        using var body = JsonDocument.Parse(json);
        return body.RootElement.GetProperty("Entries").EnumerateArray().Select(e => e.GetProperty("DetailType").GetString()!).ToArray();
    }
}
