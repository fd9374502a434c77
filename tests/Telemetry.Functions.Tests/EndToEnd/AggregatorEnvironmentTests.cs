using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Support;
using Telemetry.Local.Emulators;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using Telemetry.Storage;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.EndToEnd;

// The parameterless constructor is what the Lambda runtime calls; these tests set process environment
// variables, so they live in the (serial) dynalite collection and restore every variable they touch.
[Collection(DynaliteCollection.Name)]
public class AggregatorEnvironmentTests(DynaliteFixture dynalite)
{
    private static async Task WithEnvironmentAsync(IReadOnlyDictionary<string, string?> variables, Func<Task> action)
    {
        var saved = variables.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            await action();
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public async Task Constructor_BadLatenessInEnvironment_FailsFastNamingTheVariable()
    {
        InvalidOperationException? error = null;

        await WithEnvironmentAsync(
            new Dictionary<string, string?> { [AggregatorSettings.AllowedLatenessVariable] = "yesterday" },
            () =>
            {
                error = Assert.Throws<InvalidOperationException>(() => new AggregatorFunction());
                return Task.CompletedTask;
            });

        Assert.Contains(AggregatorSettings.AllowedLatenessVariable, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_StandardVariables_WritesToTheEndpointAndTableTheyName()
    {
        var table = await dynalite.NewTableAsync();
        var device = NewDeviceId();
        var now = TimeProvider.System.GetUtcNow();
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, now.AddMinutes(-1), 1, ("temp", 1)))
            .Build();
        StreamsEventResponse? response = null;

        // Credentials and endpoint are resolved on the first call, so the variables stay set through it.
        await WithEnvironmentAsync(
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.Endpoint.ToString(),
                ["AWS_REGION"] = LocalAws.Region,
                ["AWS_ACCESS_KEY_ID"] = "local",
                ["AWS_SECRET_ACCESS_KEY"] = "local",
                [AggregatorSettings.TableVariable] = table,
            },
            async () => response = await new AggregatorFunction().InvokeAsync(kinesisEvent));

        Assert.Empty(response!.BatchItemFailures);
        var reader = new RollupReader(dynalite.Client, table);
        Assert.Equal(1, await reader.CountReadingsAsync(Resolution.Minute, CancellationToken.None));
    }
}
