namespace Telemetry.Processing.Batches;

/// <summary>An accepted reading that a window could not take without crossing one of its <see cref="WindowLimits"/>.</summary>
/// <param name="Reading">The reading, where it sits in the stream.</param>
/// <param name="Reason">Which limit: <see cref="WindowLimits.MetricLimitReason"/> or <see cref="WindowLimits.IdentityLimitReason"/>.</param>
/// <param name="Message">Which window and by how much.</param>
public sealed record RefusedReading(SequencedReading Reading, string Reason, string Message);
