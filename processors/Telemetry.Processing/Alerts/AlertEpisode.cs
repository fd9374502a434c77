using Telemetry.Contracts;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// One firing of a rule on a device, from the raise to the clear.
/// </summary>
/// <param name="Id">Stable across redelivery and replay: it is derived from the rule and the reading that raised it.</param>
/// <param name="StartedAt">Device time of the first reading of the breach that fired (the start of the condition).</param>
/// <param name="RaisedAt">Device time of the reading that met the condition.</param>
/// <param name="RaisedBy">The reading that met the condition.</param>
/// <param name="RaisedValue">Its value of the rule's metric.</param>
public sealed record AlertEpisode(string Id, DateTimeOffset StartedAt, DateTimeOffset RaisedAt, ReadingId RaisedBy, double RaisedValue);
