namespace Telemetry.Local.Faults;

/// <summary>An emulator the fault proxy sits in front of; each has a listening port of its own.</summary>
public enum FaultUpstream
{
    Kinesis,
    DynamoDb,
}

/// <summary>The names of the upstreams in the profile file, the control API and the command line.</summary>
public static class FaultUpstreams
{
    public static IReadOnlyList<FaultUpstream> All { get; } = [FaultUpstream.Kinesis, FaultUpstream.DynamoDb];

    public static string Name(this FaultUpstream upstream) => upstream switch
    {
        FaultUpstream.Kinesis => "kinesis",
        FaultUpstream.DynamoDb => "dynamodb",
        _ => throw new ArgumentOutOfRangeException(nameof(upstream)),
    };
}
