using System.Net;
using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Producer.Sending;

namespace Telemetry.Producer.Tests.Sending;

public class TransientErrorsTests
{
    [Fact]
    public void IsTransient_ThrottlingAndServerErrors_True()
    {
        Assert.True(TransientErrors.IsTransient(new KinesisProvisionedThroughputExceededException("ProvisionedThroughputExceededException", "slow down", HttpStatusCode.BadRequest, null)));
        Assert.True(TransientErrors.IsTransient(new KinesisException("InternalFailure", "oops", HttpStatusCode.InternalServerError, null)));
        Assert.True(TransientErrors.IsTransient(new HttpRequestException("connection reset")));
        Assert.True(TransientErrors.IsTransient(new TaskCanceledException("timeout", new TimeoutException())));
    }

    [Fact]
    public void IsTransient_ConfigurationAndMissingStream_False()
    {
        Assert.False(TransientErrors.IsTransient(new KinesisResourceNotFoundException("ResourceNotFoundException", "no stream", HttpStatusCode.BadRequest, null)));
        Assert.False(TransientErrors.IsTransient(new AwsConfigurationException("no region")));
        Assert.False(TransientErrors.IsTransient(new InvalidOperationException("bug")));
    }
}
