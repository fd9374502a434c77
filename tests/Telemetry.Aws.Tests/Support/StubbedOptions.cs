using Amazon.Runtime;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.Tests.Support;

/// <summary>Options of any wire client for a stub handler: fixed endpoint, region and keys, nothing from the environment, no jitter.</summary>
internal static class StubbedOptions
{
    public static T For<T>(T options, HttpMessageHandler handler, Uri endpoint, string region)
        where T : AwsClientOptions => (T)(options with
        {
            ServiceUrl = endpoint,
            Region = region,
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            Handler = handler,
            Environment = TestEnvironment.Empty,
            Jitter = new FixedRandom(0),
        });
}
