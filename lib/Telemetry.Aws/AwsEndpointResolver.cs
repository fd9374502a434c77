using Amazon;

namespace Telemetry.Aws;

/// <summary>
/// Resolves a service endpoint like the AWS SDKs: explicit URL, <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>,
/// <c>AWS_ENDPOINT_URL</c>, then the public endpoint of the region (unless
/// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c> disables the two variables).
/// </summary>
public static class AwsEndpointResolver
{
    /// <summary>
    /// <paramref name="serviceId"/> is the SDK service id as used in the variable name (<c>KINESIS</c>);
    /// <paramref name="endpointPrefix"/> the host prefix of the public endpoint (<c>kinesis</c>).
    /// </summary>
    public static Uri Resolve(Uri? explicitUrl, string serviceId, string endpointPrefix, RegionEndpoint region, Func<string, string?> variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointPrefix);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(variable);

        if (explicitUrl is not null)
        {
            return explicitUrl;
        }

        if (!string.Equals(variable(AwsEnvironmentVariables.IgnoreConfiguredEndpointUrls)?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            var serviceVariable = AwsEnvironmentVariables.ServiceEndpointUrlPrefix + serviceId.ToUpperInvariant().Replace(' ', '_');
            foreach (var name in (ReadOnlySpan<string>)[serviceVariable, AwsEnvironmentVariables.EndpointUrl])
            {
                var value = variable(name);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                        ? uri
                        : throw new AwsConfigurationException($"{name}='{value}' is not an absolute http(s) URL.");
                }
            }
        }

        return new Uri($"https://{endpointPrefix}.{region.SystemName}.{region.PartitionDnsSuffix}");
    }
}
