namespace Telemetry.Aws.JsonProtocol;

/// <summary>
/// What every wire client builds from its options: the region, credentials and endpoint resolved as the SDKs do,
/// a signed HttpClient, and the transport over it. The client owns and disposes <see cref="Http"/>.
/// </summary>
internal sealed record AwsJsonConnection<TError>(Uri Endpoint, string Region, HttpClient Http, AwsJsonTransport<TError> Transport)
    where TError : Exception
{
    /// <exception cref="AwsConfigurationException">No region or no credentials can be found, or an endpoint variable is malformed.</exception>
    public static AwsJsonConnection<TError> Open(AwsJsonClientOptions options, string serviceId, string endpointPrefix, string signingName, AwsJsonService<TError> service)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        var region = AwsRegionResolver.Resolve(options.Region, options.Environment);
        var credentials = AwsCredentialsResolver.Resolve(options.Credentials, options.Environment);
        var endpoint = AwsEndpointResolver.Resolve(options.ServiceUrl, serviceId, endpointPrefix, region, options.Environment.Variable);
        var http = SignedHttpClient.Create(credentials, region, signingName, options.Handler);
        return new(endpoint, region.SystemName, http, new AwsJsonTransport<TError>(http, endpoint, service, options.MaxRetries, options.TimeProvider, options.Jitter));
    }
}
