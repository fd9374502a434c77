namespace Telemetry.Cli;

/// <summary>Where commands write progress, so that stdout carries only the result (and <c>--json</c> stays parseable).</summary>
public sealed record StandardError(TextWriter Writer);
