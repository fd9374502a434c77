using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Telemetry.Contracts;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing.Tumbling;

/// <summary>
/// Writes <see cref="PartialRollups"/> as the one string value Lambda's tumbling-window state carries: compact JSON,
/// gzipped, in base64. Lambda keeps at most 1 MB of state per shard; device ids and metric names repeat, so gzip
/// takes most of the size away. Doubles are written in their shortest round-trip form, so nothing is rounded.
/// </summary>
public static class PartialRollupsCodec
{
    /// <summary>The key of the state map under which the value is kept.</summary>
    public const string StateKey = "rollups";

    private const int Version = 1;

    public static string Encode(PartialRollups partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new Utf8JsonWriter(gzip))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteString("shard", partials.ShardId);
            writer.WriteString("first", partials.FirstSequence);
            writer.WriteString("last", partials.LastSequence);
            writer.WriteStartArray("w");
            foreach (var (key, state) in partials.Windows)
            {
                WriteWindow(writer, key, state);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <exception cref="InvalidDataException">The text is not state this codec wrote.</exception>
    public static PartialRollups Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(text)), CompressionMode.Decompress);
            using var document = JsonDocument.Parse(gzip);
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != Version)
            {
                throw new InvalidDataException($"Tumbling-window state of version {root.GetProperty("v").GetInt32()}; this aggregator reads version {Version}.");
            }

            var windows = new Dictionary<WindowKey, RollupState>();
            foreach (var window in root.GetProperty("w").EnumerateArray())
            {
                var (key, state) = ReadWindow(window);
                windows.Add(key, state);
            }

            return new PartialRollups(
                root.GetProperty("shard").GetString(), root.GetProperty("first").GetString(), root.GetProperty("last").GetString(), windows);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"The tumbling-window state is not the aggregator's: {ex.Message}", ex);
        }
    }

    private static void WriteWindow(Utf8JsonWriter writer, WindowKey key, RollupState state)
    {
        writer.WriteStartObject();
        writer.WriteString("d", key.DeviceId);
        writer.WriteString("r", key.Resolution.Code());
        writer.WriteNumber("s", key.Start.ToUnixTimeSeconds());
        writer.WriteString("t", state.DeviceType);
        writer.WriteString("site", state.Site);
        writer.WriteNumber("n", state.ReadingCount);
        writer.WriteStartObject("m");
        foreach (var (name, stats) in state.Metrics)
        {
            writer.WriteStartArray(name);
            writer.WriteNumberValue(stats.Count);
            writer.WriteNumberValue(stats.Sum);
            writer.WriteNumberValue(stats.Min);
            writer.WriteNumberValue(stats.Max);
            writer.WriteNumberValue(stats.SumOfSquares);
            if (stats.Quantiles is { } quantiles)
            {
                writer.WriteBase64StringValue(QuantileSketchCodec.Encode(quantiles));
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("ids");
        foreach (var (boot, ranges) in state.Absorbed.ByBoot)
        {
            writer.WriteString(boot.ToString(CultureInfo.InvariantCulture), ranges.ToString());
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static (WindowKey Key, RollupState State) ReadWindow(JsonElement window)
    {
        if (!ResolutionExtensions.TryParse(window.GetProperty("r").GetString(), out var resolution))
        {
            throw new FormatException($"unknown resolution '{window.GetProperty("r").GetString()}'");
        }

        var key = new WindowKey(
            window.GetProperty("d").GetString() ?? throw new FormatException("a window without a device"),
            resolution,
            DateTimeOffset.FromUnixTimeSeconds(window.GetProperty("s").GetInt64()));
        var metrics = new Dictionary<string, MetricStats>(StringComparer.Ordinal);
        foreach (var metric in window.GetProperty("m").EnumerateObject())
        {
            var v = metric.Value;
            // The sketch, a sixth element, is absent from the state of an aggregator that kept none.
            metrics[metric.Name] = new MetricStats(
                v[0].GetInt64(), v[1].GetDouble(), v[2].GetDouble(), v[3].GetDouble(), v[4].GetDouble(),
                v.GetArrayLength() > 5 ? QuantileSketchCodec.Decode(v[5].GetBytesFromBase64()) : null);
        }

        var ids = new List<KeyValuePair<long, SequenceRanges>>();
        foreach (var boot in window.GetProperty("ids").EnumerateObject())
        {
            ids.Add(new(long.Parse(boot.Name, NumberStyles.None, CultureInfo.InvariantCulture), SequenceRanges.Parse(boot.Value.GetString() ?? "")));
        }

        var state = new RollupState(
            window.GetProperty("t").GetString() ?? "", window.GetProperty("site").GetString() ?? "", window.GetProperty("n").GetInt64(), metrics, AbsorbedReadings.From(ids));
        return (key, state);
    }
}
