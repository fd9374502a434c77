namespace Telemetry.Local.EventSourceMapping;

/// <summary>The names and ARNs a mapping stamps on every event and failure record.</summary>
internal sealed record MappingIdentity(string FunctionName, string StreamName, string StreamArn, string Region)
{
    // The local emulators use a fixed account; taking it from the stream ARN keeps every ARN of one stack consistent.
    // Computed once: InvokeIdentityArn is stamped on every delivered record.
    public string AccountId { get; } = AccountOf(StreamArn);

    public string InvokeIdentityArn { get; } = $"arn:aws:iam::{AccountOf(StreamArn)}:role/{FunctionName}-local-role";

    public string FunctionArn { get; } = $"arn:aws:lambda:{Region}:{AccountOf(StreamArn)}:function:{FunctionName}";

    private static string AccountOf(string streamArn)
    {
        var parts = streamArn.Split(':');
        return parts.Length > 4 && parts[4].Length > 0 ? parts[4] : "000000000000";
    }
}
