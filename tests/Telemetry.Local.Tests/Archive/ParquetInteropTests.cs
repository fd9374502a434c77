using System.Text.Json;
using Telemetry.Contracts;
using Telemetry.Local.Archive;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Tests.Archive;

// Parquet.Net reading what Parquet.Net wrote proves little about Athena: hyparquet, a JavaScript implementation
// with nothing in common with it, must read the same schema and rows (tests/Shared/parquet-interop).
public sealed class ParquetInteropTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Encode_Readings_AnIndependentReaderSeesTheGlueTableAndTheSameRows()
    {
        Reading[] readings =
        [
            new(2, "dev-1", "thermostat", "plant-a", At, 7, new Dictionary<string, double> { ["temperature"] = 21.5, ["humidity"] = 40 }, 3),
            new(1, "dev-2", "meter", "plant-b", At.AddMilliseconds(250), 9_000_000_000, new Dictionary<string, double> { ["kwh"] = -0.125 }),
        ];
        var encoding = new ParquetFormat().Encode([.. readings.Select(r => (ReadOnlyMemory<byte>)ReadingCodec.Encode(r))]);
        var path = Path.Combine(Path.GetTempPath(), $"telemetry-interop-{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(path, encoding.Content);
        try
        {
            using var read = await ReadWithHyparquetAsync(path);
            var schema = read.RootElement.GetProperty("schema").EnumerateArray()
                .Select(c => string.Join(' ', c.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "-" : v.ToString())))
                .ToList();
            var rows = read.RootElement.GetProperty("rows").EnumerateArray().ToList();

            Assert.Equal(
                [
                    "schemaversion INT32 OPTIONAL INT_32", "deviceid BYTE_ARRAY OPTIONAL UTF8", "devicetype BYTE_ARRAY OPTIONAL UTF8",
                    "site BYTE_ARRAY OPTIONAL UTF8", "timestamp BYTE_ARRAY OPTIONAL UTF8", "seq INT64 OPTIONAL INT_64", "boot INT64 OPTIONAL INT_64",
                    "metrics - OPTIONAL MAP", "key_value - REPEATED -", "key BYTE_ARRAY REQUIRED UTF8", "value DOUBLE OPTIONAL -",
                ],
                schema);
            Assert.Equal(2, rows.Count);
            Assert.Equal(
                ("dev-1", "thermostat", "plant-a", "2026-12-01T11:00:00.000Z", 7L, 3L, 21.5, 40.0),
                (rows[0].GetProperty("deviceid").GetString(), rows[0].GetProperty("devicetype").GetString(), rows[0].GetProperty("site").GetString(),
                 rows[0].GetProperty("timestamp").GetString(), rows[0].GetProperty("seq").GetInt64(), rows[0].GetProperty("boot").GetInt64(),
                 rows[0].GetProperty("metrics").GetProperty("temperature").GetDouble(), rows[0].GetProperty("metrics").GetProperty("humidity").GetDouble()));
            // A version 1 reading has no boot: a null column, as the SerDe leaves a missing field.
            Assert.Equal((1, 9_000_000_000L, JsonValueKind.Null, -0.125),
                (rows[1].GetProperty("schemaversion").GetInt32(), rows[1].GetProperty("seq").GetInt64(), rows[1].GetProperty("boot").ValueKind,
                 rows[1].GetProperty("metrics").GetProperty("kwh").GetDouble()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<JsonDocument> ReadWithHyparquetAsync(string path)
    {
        var folder = Path.Combine(LocalToolsFolder.RepoRoot, "tests", "Shared", "parquet-interop");
        await NpmPackages.EnsureInstalledAsync(folder);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var result = await ProcessRunner.RunAsync("node", ["read-parquet.mjs", path], folder, timeout.Token);
        Assert.True(result.ExitCode == 0, $"hyparquet could not read the file (exit {result.ExitCode}):\n{result.Output}");
        return JsonDocument.Parse(result.Output.Trim());
    }
}
