using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Telemetry.Cli.Commands.Archive;

/// <summary>The flags <c>archive ls</c> and <c>archive cat</c> share: the target, an arrival-time range, <c>--json</c>.</summary>
public class ArchiveRangeSettings : TargetSettings
{
    [CommandOption("--from <TIME>")]
    [Description("Only objects holding records that arrived at or after this time: ISO-8601 (2026-11-26T04:00:00Z) or a duration ago (15m, 2h). Objects are the unit: one holds up to a buffering interval of arrivals. Default: the archive's start.")]
    public string? From { get; init; }

    [CommandOption("--to <TIME>")]
    [Description("Only objects holding records that arrived at or before this time, same forms as --from. Default: now.")]
    public string? To { get; init; }

    public override ValidationResult Validate()
    {
        var target = base.Validate();
        if (!target.Successful)
        {
            return target;
        }

        return TimeArgument.Problem(("--from", From), ("--to", To)) is { } problem
            ? ValidationResult.Error(problem)
            : ValidationResult.Success();
    }

    /// <summary>The range as instants, given the time now.</summary>
    /// <exception cref="ArgumentException">--from after --to.</exception>
    internal (DateTimeOffset? From, DateTimeOffset? To) Range(DateTimeOffset now)
    {
        DateTimeOffset? from = From is null ? null : TimeArgument.Parse(From, now);
        DateTimeOffset? to = To is null ? null : TimeArgument.Parse(To, now);
        return from > to ? throw new ArgumentException($"--from ({from:O}) is after --to ({to:O}).") : (from, to);
    }
}
