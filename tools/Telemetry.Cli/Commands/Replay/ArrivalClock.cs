namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// The time a replayed batch is processed at: when its last record arrived, as the live function processed it
/// moments after. Lateness and future stamps are then judged as they were the first time, however old the data.
/// </summary>
internal sealed class ArrivalClock : TimeProvider
{
    public DateTimeOffset At { get; set; }

    public override DateTimeOffset GetUtcNow() => At;
}
