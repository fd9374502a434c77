using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Ledger;

namespace Telemetry.Producer.Tests.Ledger;

public sealed class LedgerAnomalyFileTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("telemetry-ledger-anomalies-").FullName;

    private static ProducerLedger WithAnomalies => new()
    {
        StreamName = "telemetry",
        Seed = 42,
        StartedAt = Start,
        UpdatedAt = Start.AddMinutes(10),
        Complete = true,
        AllowedLateness = TimeSpan.FromHours(24),
        Devices = [],
        Poison = [],
        Sent = new LedgerCounts(0, 0, 0, 0, 0, 0),
        Anomalies =
        [
            new LedgerAnomaly("thermostat-0004", "thermostat", AnomalyKind.Excursion, "thermostat-overheat", "temperature", null, Start.AddSeconds(20), Start.AddSeconds(60),
                [new("AlertRaised", Start.AddSeconds(50)), new("AlertCleared", Start.AddSeconds(60))]),
            new LedgerAnomaly("vibration-0002", "vibration", AnomalyKind.Silence, null, null, TimeSpan.FromMinutes(2), Start.AddSeconds(30), Start.AddSeconds(211),
                [new("DeviceSilent", Start.AddSeconds(29)), new("DeviceResumed", Start.AddSeconds(211))]),
        ],
    };

    [Fact]
    public void WriteThenRead_WithAnomalies_RoundTripsInCamelCase()
    {
        var path = Path.Combine(_folder, "run.json");

        LedgerFile.Write(path, WithAnomalies);
        var read = LedgerFile.Read(path);

        Assert.Equal(LedgerFile.Serialize(WithAnomalies), LedgerFile.Serialize(read));
        Assert.Equal(WithAnomalies.Anomalies, read.Anomalies, new AnomalyComparer());
        var json = File.ReadAllText(path);
        Assert.Contains("\"kind\": \"excursion\"", json, StringComparison.Ordinal);
        Assert.Contains("\"silenceAfter\": \"2m\"", json, StringComparison.Ordinal);
        Assert.Contains("\"detailType\": \"DeviceResumed\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LedgerWrittenBeforeAnomalies_ReadsWithNone()
    {
        const string old = """
            {"ledgerVersion":1,"streamName":"telemetry","seed":42,"startedAt":"2025-03-01T12:00:00.000Z","updatedAt":"2025-03-01T12:00:10.250Z",
             "complete":true,"cancelled":false,"allowedLateness":"1d",
             "devices":[{"deviceId":"thermostat-0001","deviceType":"thermostat","site":"Lab 1","boot":1,"acknowledged":"1-3","tooLate":"","unacknowledged":""}],
             "poison":[],"sent":{"readings":3,"duplicates":0,"outOfOrder":0,"late":0,"tooLate":0,"poison":0}}
            """;

        var ledger = LedgerFile.Parse(System.Text.Encoding.UTF8.GetBytes(old), "old.json");

        Assert.Empty(ledger.Anomalies);
        Assert.Equal(3, ledger.Devices[0].Acknowledged.Count);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Records holding lists compare the lists by reference.
    private sealed class AnomalyComparer : IEqualityComparer<LedgerAnomaly>
    {
        public bool Equals(LedgerAnomaly? x, LedgerAnomaly? y) =>
            x is not null && y is not null && x with { Expected = [] } == y with { Expected = [] } && x.Expected.SequenceEqual(y.Expected);

        public int GetHashCode(LedgerAnomaly obj) => obj.DeviceId.GetHashCode(StringComparison.Ordinal);
    }
}
