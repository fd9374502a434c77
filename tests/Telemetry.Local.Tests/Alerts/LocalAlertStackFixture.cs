using Telemetry.Local.Stack;

namespace Telemetry.Local.Tests.Alerts;

/// <summary>One local stack on free ports in a temporary folder, without the function service, shared by a test class.</summary>
public sealed class LocalAlertStackFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("telemetry-alerts-stack-").FullName;

    public LocalStackState State { get; private set; } = null!;

    public LocalStackOptions Options => new LocalStackOptions { DataDirectory = DataDirectory, ShardCount = 1, StartFunctions = false }.WithFreePorts();

    public async Task InitializeAsync() => State = await LocalStack.UpAsync(Options);

    public Task DisposeAsync() => LocalStack.ResetAsync(DataDirectory);
}
