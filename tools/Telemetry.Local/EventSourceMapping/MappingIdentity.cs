namespace Telemetry.Local.EventSourceMapping;

/// <summary>The names and ARNs a mapping stamps on every event and failure record.</summary>
internal sealed record MappingIdentity(string FunctionName, string StreamName, string StreamArn, string Region)
{
    // The local emulators use a fixed account; taking it from the stream ARN keeps every ARN of one stack consistent.
    public string AccountId
    {
        get
        {
            var parts = StreamArn.Split(':');
            return parts.Length > 4 && parts[4].Length > 0 ? parts[4] : "000000000000";
        }
    }

    public string InvokeIdentityArn => $"arn:aws:iam::{AccountId}:role/{FunctionName}-local-role";

    public string FunctionArn => $"arn:aws:lambda:{Region}:{AccountId}:function:{FunctionName}";
}
