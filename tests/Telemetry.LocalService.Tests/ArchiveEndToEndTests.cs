using System.Diagnostics;
using System.Text.Json;
using Amazon.S3.Model;
using Telemetry.Contracts.Archive;
using Telemetry.Local.Archive;
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

    // Every object is read as any S3 client would: listed, fetched, gunzipped, and parsed line by line as JSON.
    private static async Task<IReadOnlySet<long>> WaitUntilArchivedAsync(LocalTestStack stack, string deviceId, int expected) =>
        await Poll.UntilAsync(() => ArchivedSequencesAsync(stack, deviceId), seqs => seqs.Count >= expected, Deadline, $"{expected} readings of {deviceId} in the archive");

    private static async Task<IReadOnlySet<long>> ArchivedSequencesAsync(LocalTestStack stack, string deviceId)
    {
        var state = stack.State;
        using var s3 = LocalAws.S3(state.EmulatorEndpoint(EmulatorKind.S3));
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = state.BucketName, Prefix = "raw/" });
        var seqs = new HashSet<long>();
        foreach (var entry in listed.S3Objects ?? [])
        {
            Assert.True(ArchiveObjectName.TryParse(entry.Key, out var name), $"not a Firehose object name: {entry.Key}");
            Assert.Equal(".ndjson.gz", name.Extension);
            using var response = await s3.GetObjectAsync(state.BucketName, entry.Key);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content);
            content.Position = 0;
            foreach (var line in new NdjsonGzipFormat().Read(content))
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.GetProperty("deviceId").GetString() == deviceId)
                {
                    seqs.Add(json.RootElement.GetProperty("seq").GetInt64());
                }
            }
        }

        return seqs;
    }
}
