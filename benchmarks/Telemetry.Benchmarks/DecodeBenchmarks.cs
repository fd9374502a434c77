using BenchmarkDotNet.Attributes;
using System.Text.Json;
using Telemetry.Contracts;

namespace Telemetry.Benchmarks;

/// <summary>
/// Decoding 1,000 records: the validating Utf8JsonReader decoder against the floor of any JSON decoder (a bare
/// Utf8JsonReader pass over every token, building nothing) and against a source-generated serializer that only
/// deserializes (no validation at all), the cheapest alternative it could be replaced by.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private byte[][] _records = [];

    [GlobalSetup]
    public void Setup() => _records = SampleReadings.Encoded(1_000);

    [Benchmark(Baseline = true)]
    public int BareScan()
    {
        var n = 0;
        foreach (var record in _records)
        {
            var reader = new Utf8JsonReader(record);
            while (reader.Read())
            {
                n += reader.TokenType == JsonTokenType.PropertyName ? 1 : 0;
            }
        }

        return n;
    }

    [Benchmark]
    public int SourceGeneratedDeserializeOnly()
    {
        var n = 0;
        foreach (var record in _records)
        {
            n += JsonSerializer.Deserialize(record, ReadingDtoJson.Default.ReadingDto)!.Metrics!.Count;
        }

        return n;
    }

    [Benchmark]
    public int ValidatingDecoder()
    {
        var n = 0;
        var now = SampleReadings.Start.AddDays(1);
        foreach (var record in _records)
        {
            n += ReadingDecoder.Decode(record, now).Reading!.Metrics.Count;
        }

        return n;
    }
}
