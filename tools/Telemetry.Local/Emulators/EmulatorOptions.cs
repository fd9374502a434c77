namespace Telemetry.Local.Emulators;

/// <summary>Which emulators to start, where they keep data, and on which loopback ports (null = a free port).</summary>
public sealed record EmulatorOptions
{
    public required string DataDirectory { get; init; }

    public bool Kinesis { get; init; } = true;

    public bool DynamoDb { get; init; } = true;

    public bool S3 { get; init; } = true;

    public int? KinesisPort { get; init; }

    public int? DynamoDbPort { get; init; }

    public int? S3Port { get; init; }

    /// <summary>How long to wait for an emulator to answer after it starts.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
