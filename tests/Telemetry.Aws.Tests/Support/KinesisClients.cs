using Telemetry.Aws.Kinesis;

namespace Telemetry.Aws.Tests.Support;

internal static class KinesisClients
{
    public const string Region = "eu-west-1";
    public static readonly Uri Endpoint = new("http://kinesis.test:4567/");

    public static KinesisClientOptions Options(FakeHttpHandler handler) => StubbedOptions.For(new KinesisClientOptions(), handler, Endpoint, Region);

    public static KinesisClient Create(FakeHttpHandler handler) => new(Options(handler));
}
