using Amazon.Runtime;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Aws.Tests.Support;

internal static class KinesisClients
{
    public const string Region = "eu-west-1";
    public static readonly Uri Endpoint = new("http://kinesis.test:4567/");

    public static KinesisClientOptions Options(FakeHttpHandler handler) => new()
    {
        ServiceUrl = Endpoint,
        Region = Region,
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        Handler = handler,
        Environment = TestEnvironment.Empty,
        Jitter = new FixedRandom(0),
    };

    public static KinesisClient Create(FakeHttpHandler handler) => new(Options(handler));
}
