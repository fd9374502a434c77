namespace Telemetry.Aws;

/// <summary>A client cannot be set up: no region, no credentials or a malformed endpoint. The message says what to set.</summary>
public sealed class AwsConfigurationException : Exception
{
    public AwsConfigurationException()
    {
    }

    public AwsConfigurationException(string message)
        : base(message)
    {
    }

    public AwsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
