using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Telemetry.Aws.Wire;

internal static class SignedHttpClient
{
    /// <summary>
    /// An HttpClient that signs every request with SigV4 for <paramref name="signingName"/>. A handler passed in
    /// belongs to the caller and is not disposed with the client.
    /// </summary>
    public static HttpClient Create(AWSCredentials credentials, RegionEndpoint region, string signingName, HttpMessageHandler? handler)
    {
        var ownsTransport = handler is null;
        var transport = handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        return new HttpClient(new SigV4SigningHandler(credentials, region, signingName, transport), disposeHandler: ownsTransport);
    }
}
