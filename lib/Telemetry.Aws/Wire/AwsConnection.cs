namespace Telemetry.Aws.Wire;

/// <summary>
/// What every wire client builds from its options, whatever its protocol: the region, credentials and endpoint
/// resolved as the SDKs do, a signed HttpClient, and the retry settings. The client owns it and disposes it.
/// </summary>
internal sealed class AwsConnection : IDisposable
{
    private AwsConnection(Uri endpoint, string region, HttpClient http, AwsClientOptions options)
    {
        Endpoint = endpoint;
        Region = region;
        Http = http;
        MaxRetries = options.MaxRetries;
        TimeProvider = options.TimeProvider;
        Jitter = options.Jitter;
    }

    public Uri Endpoint { get; }

    public string Region { get; }

    public HttpClient Http { get; }

    public int MaxRetries { get; }

    public TimeProvider TimeProvider { get; }

    public Random Jitter { get; }

    /// <exception cref="AwsConfigurationException">No region or no credentials can be found, or an endpoint variable is malformed.</exception>
    public static AwsConnection Open(AwsClientOptions options, string serviceId, string endpointPrefix, string signingName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        var region = AwsRegionResolver.Resolve(options.Region, options.Environment);
        var credentials = AwsCredentialsResolver.Resolve(options.Credentials, options.Environment);
        var endpoint = AwsEndpointResolver.Resolve(options.ServiceUrl, serviceId, endpointPrefix, region, options.Environment.Variable);
        return new(endpoint, region.SystemName, SignedHttpClient.Create(credentials, region, signingName, options.Handler), options);
    }

    public void Dispose() => Http.Dispose();
}
