using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Producer.Faults;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Simulation;

namespace Telemetry.Cli.Tests.Simulate;

[Trait("Category", "Integration")]
public sealed class SimulateKinesaliteTests
{
    [Fact]
    public async Task RunAsync_EveryFaultAgainstKinesalite_LedgerMatchesWhatTheStreamHolds()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-simulate-").FullName;
        try
        {
            await using var emulators = await LocalEmulators.StartAsync(new EmulatorOptions { DataDirectory = data, DynamoDb = false, S3 = false });
            using var client = LocalClients.Kinesis(emulators.KinesisEndpoint, maxRetries: 0);
            const string stream = "simulate-test";
            await client.CreateStreamAsync(stream, 2);
            await WaitActiveAsync(client, stream);
            var options = new SimulatorOptions
            {
                Devices = 6,
                Readings = 1200,
                NoPace = true,
                StreamName = stream,
                Faults = new FaultOptions { Duplicates = 0.1, OutOfOrder = 0.05, Late = 0.05, TooLate = 0.05, Poison = 0.05, Bursts = 0.3 },
            };
            var recorder = new LedgerRecorder(stream, options.Seed, DateTimeOffset.UtcNow, options.Faults.AllowedLateness);
            var path = Path.Combine(data, "ledgers", "run.json");
            var autosave = new LedgerAutosave(recorder, path, TimeProvider.System);

            var result = await new Simulator().RunAsync(options, client, null, CancellationToken.None, recorder);
            await autosave.CompleteAsync(result.Cancelled);
            await autosave.DisposeAsync();
            var ledger = LedgerFile.Read(path);
            var records = await StreamReadBack.AllAsync(client, stream);

            Assert.True(result.AllSent);
            Assert.True(ledger.Complete);
            Assert.Equal(result.Sent, records.Count);
            var now = DateTimeOffset.UtcNow;
            var readings = records.Select(r => (Record: r, Decoded: ReadingDecoder.Decode(r.Data.Span, now))).ToList();
            foreach (var device in ledger.Devices)
            {
                var seen = new SequenceRanges();
                foreach (var (_, decoded) in readings.Where(r => r.Decoded.Reading?.DeviceId == device.DeviceId))
                {
                    seen.Add(decoded.Reading!.Sequence);
                    Assert.Equal(device.Boot, decoded.Reading.Boot);
                }

                Assert.Equal(device.Acknowledged, seen);
                Assert.Equal(0, device.Unacknowledged.Count);
            }

            var bySequence = records.ToDictionary(r => r.SequenceNumber);
            Assert.NotEmpty(ledger.Poison);
            Assert.All(ledger.Poison, p => Assert.Equal(p.ExpectedReason, ReadingDecoder.Decode(bySequence[p.SequenceNumber!].Data.Span, now).Reason));
            Assert.Equal(ledger.Poison.Count, readings.Count(r => !r.Decoded.IsAccepted));
            Assert.Equal(ledger.Sent.Duplicates, readings.Count(r => r.Decoded.IsAccepted) - ledger.Devices.Sum(d => d.Acknowledged.Count));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task WaitActiveAsync(IKinesisClient client, string stream)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while ((await client.DescribeStreamSummaryAsync(stream)).StreamStatus != "ACTIVE")
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "stream did not become ACTIVE");
            await Task.Delay(50);
        }
    }
}
