using System.Text;
using Telemetry.Aws.CloudWatch;
using Telemetry.Aws.JsonProtocol;
using Telemetry.Aws.Tests.Support;
using Telemetry.Aws.Wire;
using Telemetry.Local.Emulators;

namespace Telemetry.Aws.Tests.CloudWatch;

// The client against an implementation no one here wrote: moto's CloudWatch, fed as CloudWatch is fed from the
// functions' metric lines, by PutMetricData.
public sealed class CloudWatchMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    [Fact]
    public async Task GetMetricDataAsync_CountsPutForOneFunction_SumsAndCountsOnlyThatFunctionsDatapoints()
    {
        var now = DateTimeOffset.UtcNow;
        var function = $"aggregator-{Guid.NewGuid():N}"[..24];
        await PutAsync(function, "ReadingsAccepted", now.AddMinutes(-2), 40);
        await PutAsync(function, "ReadingsAccepted", now.AddMinutes(-1), 2);
        await PutAsync("someone-else", "ReadingsAccepted", now.AddMinutes(-1), 1000);
        using var client = new CloudWatchClient(new CloudWatchClientOptions { ServiceUrl = moto.Endpoint, Region = LocalAws.Region, Credentials = LocalAws.Credentials });
        var dimensions = new Dictionary<string, string> { ["Function"] = function };

        var results = await client.GetMetricDataAsync(
            [
                new("sum", "Telemetry", "ReadingsAccepted", dimensions, TimeSpan.FromHours(1), "Sum"),
                new("count", "Telemetry", "ReadingsAccepted", dimensions, TimeSpan.FromHours(1), "SampleCount"),
                new("none", "Telemetry", "WindowsWritten", dimensions, TimeSpan.FromHours(1), "Sum"),
            ],
            now.AddHours(-1),
            now.AddMinutes(1));

        Assert.Equal(42, results[0].Points.Sum(p => p.Value));
        Assert.Equal(2, results[1].Points.Sum(p => p.Value));
        Assert.Empty(results[2].Points);
    }

    // PutMetricData is not the client's: nothing in the pipeline calls it (the functions write metric lines). The test
    // sends it through the same transport, as any JSON 1.0 call.
    private async Task PutAsync(string function, string metric, DateTimeOffset at, double value)
    {
        using var connection = AwsConnection.Open(
            new CloudWatchClientOptions { ServiceUrl = moto.Endpoint, Region = LocalAws.Region, Credentials = LocalAws.Credentials },
            CloudWatchClient.ServiceId,
            CloudWatchClient.SigningName,
            CloudWatchClient.SigningName);
        var transport = new AwsJsonTransport<CloudWatchException>(connection, CloudWatchErrors.Service, "GraniteServiceVersion20100801.", AwsJsonTransport<CloudWatchException>.ContentType10);
        var body = $$"""
            {"Namespace":"Telemetry","MetricData":[{"MetricName":"{{metric}}","Dimensions":[{"Name":"Function","Value":"{{function}}"}],"Timestamp":{{at.ToUnixTimeSeconds()}},"Value":{{value}},"Unit":"Count"}]}
            """;
        await transport.SendAsync<object>("PutMetricData", Encoding.UTF8.GetBytes(body), null, CancellationToken.None);
    }
}
