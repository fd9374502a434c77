using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Local.Emulators;

namespace Telemetry.Storage.Tests.Support;

// One dynalite for the whole collection; each test class gets its own fresh table.
public sealed class DynaliteFixture : IAsyncLifetime
{
    private static readonly TimeSpan TableDeadline = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Type, Lazy<Task<string>>> tables = new();
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"telemetry-dynalite-tests-{Guid.NewGuid():N}");
    private LocalEmulators? emulators;

    public IAmazonDynamoDB Client { get; private set; } = null!;

    public Uri Endpoint => emulators?.DynamoDbEndpoint ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        emulators = await LocalEmulators.StartAsync(new EmulatorOptions { DataDirectory = dataDirectory, Kinesis = false, S3 = false });
        Client = LocalAws.DynamoDb(emulators.DynamoDbEndpoint);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (emulators is not null)
        {
            await emulators.DisposeAsync();
        }

        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    public Task<string> TableForAsync(Type testClass) =>
        tables.GetOrAdd(testClass, _ => new Lazy<Task<string>>(NewTableAsync)).Value;

    public async Task<string> NewTableAsync()
    {
        var name = $"rollups-{Guid.NewGuid():N}";
        await Client.CreateTableAsync(TelemetryTable.CreateTableRequest(name));
        var deadline = DateTime.UtcNow + TableDeadline;
        while ((await Client.DescribeTableAsync(name)).Table.TableStatus != TableStatus.ACTIVE)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Table {name} did not become ACTIVE within {TableDeadline}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }

        return name;
    }
}
