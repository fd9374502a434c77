using System.Diagnostics;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;
using Telemetry.Testing;

namespace Telemetry.LocalService.Tests;

public sealed class ArchiveEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DeliveryStream_ServiceKilledWhileRecordsAreBuffered_EveryReadingIsArchivedAsGzipNdjson()
    {
        await using var stack = await LocalTestStack.UpAsync();
        await stack.PutReadingsAsync("archive-1", first: 1, count: 50);
        await WaitUntilArchivedAsync(stack, "archive-1", 50);
        var before = stack.State;

        // Put, then kill at once: the buffer holds records whose checkpoint has not moved.
        await stack.PutReadingsAsync("archive-1", first: 51, count: 50);
        Process.GetProcessById(before.Functions!.ProcessId).Kill();
        await Poll.UntilAsync(() => !before.FunctionsRunning, "the killed service to be gone");
        await LocalStack.UpAsync(stack.Options);

        var archived = await WaitUntilArchivedAsync(stack, "archive-1", 100);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), archived.Order());
    }

    private static async Task<IReadOnlySet<long>> WaitUntilArchivedAsync(LocalTestStack stack, string deviceId, int expected) =>
        await Poll.UntilAsync(() => ArchivedSequencesAsync(stack, deviceId), seqs => seqs.Count >= expected, Deadline, $"{expected} readings of {deviceId} in the archive");

    private static async Task<IReadOnlySet<long>> ArchivedSequencesAsync(LocalTestStack stack, string deviceId) =>
        (await ArchivedReadings.ReadAsync(stack)).Where(r => r.DeviceId == deviceId).Select(r => r.Sequence).ToHashSet();
}
