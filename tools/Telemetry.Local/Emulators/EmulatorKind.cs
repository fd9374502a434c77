namespace Telemetry.Local.Emulators;

public enum EmulatorKind
{
    Kinesis,
    DynamoDb,
    S3,

    /// <summary>moto server: EventBridge, SNS and SQS (the alert fan-out). Python, where the others are npm packages.</summary>
    Moto,
}
