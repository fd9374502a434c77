namespace Telemetry.Processing.Alerts;

/// <summary>One reading as the silence rule sees it.</summary>
/// <param name="Arrival">When it reached the stream: the clock silence is measured on.</param>
/// <param name="DeviceTime">Its device timestamp: the time silence events report.</param>
public readonly record struct HeardReading(DateTimeOffset Arrival, DateTimeOffset DeviceTime);
