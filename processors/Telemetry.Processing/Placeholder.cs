namespace Telemetry.Processing;
