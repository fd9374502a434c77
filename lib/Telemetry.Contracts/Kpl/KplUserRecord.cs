namespace Telemetry.Contracts.Kpl;

/// <summary>One user record: what a producer put, whether it travelled alone or inside a KPL aggregated record.</summary>
/// <param name="PartitionKey">Its own partition key (the device id, when the producer behaved).</param>
/// <param name="Data">Its bytes.</param>
/// <param name="ExplicitHashKey">Its explicit hash key, when the producer gave one.</param>
public readonly record struct KplUserRecord(string PartitionKey, ReadOnlyMemory<byte> Data, string? ExplicitHashKey = null);
