namespace Telemetry.Local.Emulators;

public enum EmulatorKind
{
    Kinesis,
    DynamoDb,
    S3,
}
