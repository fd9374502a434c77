using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts;
using Telemetry.Producer.Faults;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Simulation;
using Telemetry.Producer.Tests.Fakes;

namespace Telemetry.Producer.Tests.Simulation;

public sealed class SimulatorLedgerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly SimulatorOptions Fast = new()
    {
        Devices = 6,
        Readings = 3000,
        NoPace = true,
        StreamName = "telemetry",
        StartTime = Start,
        BaseBackoff = TimeSpan.Zero,
        MaxRetries = 2,
        Faults = new FaultOptions { Duplicates = 0.1, OutOfOrder = 0.05, Late = 0.05, TooLate = 0.05, Poison = 0.05, Bursts = 0.5, BurstEvery = TimeSpan.FromSeconds(5) },
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("telemetry-sim-ledger-").FullName;

    [Fact]
    public async Task RunAsync_AllFaultsSameSeed_SameRecordsInTheSameOrder()
    {
        var first = new FakeKinesisClient();
        var second = new FakeKinesisClient();

        await new Simulator(new FakeTimeProvider(Start)).RunAsync(Fast, first, null, CancellationToken.None);
        await new Simulator(new FakeTimeProvider(Start)).RunAsync(Fast, second, null, CancellationToken.None);

        Assert.Equal(first.Accepted.Select(e => e.Data.ToArray()), second.Accepted.Select(e => e.Data.ToArray()));
    }

    [Fact]
    public async Task RunAsync_AllFaults_DuplicatesInLaterCallsAndSeqOrderBroken()
    {
        var client = new FakeKinesisClient();

        var result = await new Simulator(new FakeTimeProvider(Start)).RunAsync(Fast, client, null, CancellationToken.None);

        Assert.Equal(3000L, result.Generated);
        Assert.Equal(3000 + result.Injected.Duplicates + result.Injected.Poison, result.Sent);
        var callOf = new Dictionary<string, List<int>>();
        for (var call = 0; call < client.Calls.Count; call++)
        {
            foreach (var entry in client.Calls[call])
            {
                var key = Convert.ToBase64String(entry.Data.Span);
                (callOf.TryGetValue(key, out var calls) ? calls : callOf[key] = []).Add(call);
            }
        }

        var repeated = callOf.Values.Where(c => c.Count > 1).ToList();
        Assert.Equal(result.Injected.Duplicates, repeated.Count);
        Assert.All(repeated, calls => Assert.NotEqual(calls[0], calls[1]));
        var readings = client.Accepted.Select(e => ReadingDecoder.Decode(e.Data.Span, Start.AddDays(1))).Where(r => r.IsAccepted).Select(r => r.Reading!).ToList();
        Assert.Contains(readings.GroupBy(r => r.DeviceId), device =>
        {
            var sequences = device.Select(r => r.Sequence).ToList();
            return !sequences.SequenceEqual(sequences.Order());
        });
    }

    [Fact]
    public async Task RunAsync_SomeEntriesFailPermanently_UnacknowledgedNeverAcknowledged()
    {
        // Every reading of thermostat-0001 with an odd sequence number fails on every attempt.
        var client = new FakeKinesisClient { FailEntry = (entry, _) => FailsForever(entry.Data.Span) ? "InternalFailure" : null };
        var recorder = new LedgerRecorder("telemetry", 42, Start, TimeSpan.FromHours(24));

        var result = await new Simulator(new FakeTimeProvider(Start)).RunAsync(Fast, client, null, CancellationToken.None, recorder);
        var ledger = recorder.Snapshot(Start, complete: true);

        var onStream = Identities(client.Accepted);
        var thermostat = ledger.Devices.Single(d => d.DeviceId == "thermostat-0001");
        Assert.Equal(500, thermostat.Acknowledged.Count + thermostat.Unacknowledged.Count);
        Assert.All(thermostat.Unacknowledged.Ranges, r => Assert.True(r.First == r.Last && r.First % 2 == 1));
        Assert.Equal(250, thermostat.Unacknowledged.Count);
        foreach (var device in ledger.Devices)
        {
            Assert.Empty(device.Acknowledged.Except(onStream[device.DeviceId]).Ranges);
            Assert.Empty(onStream[device.DeviceId].Except(device.Acknowledged).Ranges);
            Assert.Empty(device.TooLate.Except(device.Acknowledged).Ranges);
        }

        Assert.True(result.Failed >= 250, "the odd readings and any duplicates of them");
        Assert.Equal(ledger.Sent.Poison, ledger.Poison.Count);
    }

    [Fact]
    public async Task RunAsync_PoisonAcknowledged_LedgerNamesWhereEachIsAndWhy()
    {
        var client = new FakeKinesisClient();
        var recorder = new LedgerRecorder("telemetry", 42, Start, TimeSpan.FromHours(24));

        await new Simulator(new FakeTimeProvider(Start)).RunAsync(Fast with { Faults = new FaultOptions { Poison = 0.2 } }, client, null, CancellationToken.None, recorder);
        var ledger = recorder.Snapshot(Start, complete: true);

        Assert.Equal(PoisonRecords.Rotation.Count, ledger.Poison.Select(p => p.ExpectedReason).Distinct().Count());
        Assert.Equal(ledger.Sent.Poison, ledger.Poison.Count);
        foreach (var poison in ledger.Poison)
        {
            var entry = client.Accepted[client.AcceptedIndexOf(poison.SequenceNumber!)];
            Assert.Equal(poison.ExpectedReason, ReadingDecoder.Decode(entry.Data.Span, Start.AddHours(1)).Reason);
            Assert.Equal(client.ShardOf(entry.PartitionKey), poison.ShardId);
            Assert.Equal(entry.PartitionKey, poison.PartitionKey);
        }
    }

    [Fact]
    public async Task RunAsync_KilledMidRun_LedgerOnDiskClaimsOnlyWhatWasAcknowledged()
    {
        var path = Path.Combine(_folder, "run.json");
        var ledgerTime = new FakeTimeProvider(Start);
        var recorder = new LedgerRecorder("telemetry", 42, Start, TimeSpan.FromHours(24));
        await using var autosave = new LedgerAutosave(recorder, path, ledgerTime);
        using var frozen = new CancellationTokenSource();
        HashSet<(string, long)>? acceptedAtKill = null;
        FakeKinesisClient? client = null;
        client = new FakeKinesisClient
        {
            FailEntry = (entry, _) => FailsForever(entry.Data.Span) ? "InternalFailure" : null,
            OnCall = async (call, ct) =>
            {
                if (call != 12)
                {
                    return;
                }

                // The process is "killed" here: the periodic write fires, then nothing more is ever written.
                var written = LedgerFile.Read(path).UpdatedAt;
                ledgerTime.Advance(LedgerAutosave.Interval);
                await Poll.UntilAsync(() => LedgerFile.Read(path).UpdatedAt > written, "the periodic ledger write");
                acceptedAtKill = client!.Accepted.Select(e => Identity(e.Data.Span)).Where(i => i is not null).Select(i => i!.Value).ToHashSet();
                await autosave.DisposeAsync();
                await frozen.CancelAsync();
            },
        };

        await new Simulator(new FakeTimeProvider(Start)).RunAsync(Fast with { Readings = 20_000 }, client, null, frozen.Token, recorder);
        var ledger = LedgerFile.Read(path);

        Assert.False(ledger.Complete);
        Assert.NotNull(acceptedAtKill);
        var acknowledged = ledger.Devices.SelectMany(d => d.Acknowledged.Ranges.SelectMany(r => Enumerable.Range((int)r.First, (int)(r.Last - r.First + 1))).Select(s => (d.DeviceId, (long)s))).ToList();
        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, id => Assert.Contains(id, acceptedAtKill!));
        Assert.All(ledger.Devices, d => Assert.DoesNotContain(d.Unacknowledged.Ranges, r => d.Acknowledged.Contains(r.First)));
    }

    [Fact]
    public async Task RunAsync_CancelledLikeCtrlC_FinalLedgerCompleteAndExact()
    {
        var path = Path.Combine(_folder, "run.json");
        var recorder = new LedgerRecorder("telemetry", 42, Start, TimeSpan.FromHours(24));
        var autosave = new LedgerAutosave(recorder, path, new FakeTimeProvider(Start));
        using var stop = new CancellationTokenSource();
        var client = new FakeKinesisClient { OnCall = async (call, _) => { if (call == 5) { await stop.CancelAsync(); } } };

        var result = await new Simulator(new FakeTimeProvider(Start)).RunAsync(Fast with { Readings = 100_000 }, client, null, stop.Token, recorder);
        await autosave.CompleteAsync(result.Cancelled);
        await autosave.DisposeAsync();
        var ledger = LedgerFile.Read(path);

        Assert.True(ledger.Complete);
        Assert.True(ledger.Cancelled);
        var onStream = Identities(client.Accepted);
        Assert.All(ledger.Devices, d => Assert.Equal(onStream[d.DeviceId], d.Acknowledged));
        Assert.Equal(result.Generated, ledger.Devices.Sum(d => d.Acknowledged.Count + d.Unacknowledged.Count));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static bool FailsForever(ReadOnlySpan<byte> data) =>
        Identity(data) is { } id && id.DeviceId == "thermostat-0001" && id.Sequence % 2 == 1;

    private static (string DeviceId, long Sequence)? Identity(ReadOnlySpan<byte> data)
    {
        var decoded = ReadingDecoder.Decode(data, Start.AddDays(1));
        return decoded.IsAccepted ? (decoded.Reading.DeviceId, decoded.Reading.Sequence) : null;
    }

    private static Dictionary<string, SequenceRanges> Identities(IEnumerable<Telemetry.Aws.Kinesis.PutRecordsEntry> entries)
    {
        var byDevice = Telemetry.Producer.Devices.Fleet.Generate(Fast.Devices, 42).Devices.ToDictionary(d => d.DeviceId, _ => new SequenceRanges());
        foreach (var entry in entries)
        {
            if (Identity(entry.Data.Span) is { } id)
            {
                byDevice[id.DeviceId].Add(id.Sequence);
            }
        }

        return byDevice;
    }
}
