namespace Telemetry.Local.Faults;

/// <summary>A named set of faults, one part per upstream (config/fault-profiles.json).</summary>
public sealed record FaultProfile(string Name, string? Description, UpstreamFaults Kinesis, UpstreamFaults DynamoDb)
{
    public const string OffName = "off";

    public static FaultProfile Off { get; } = new(OffName, "Pass-through: nothing is injected.", UpstreamFaults.None, UpstreamFaults.None);

    public UpstreamFaults For(FaultUpstream upstream) => upstream == FaultUpstream.Kinesis ? Kinesis : DynamoDb;

    public bool InjectsNothing => Kinesis.InjectsNothing && DynamoDb.InjectsNothing;
}
