using System.IO.Compression;
using Telemetry.Contracts;
using Telemetry.Producer.Devices;

namespace Telemetry.Cli.Commands.Cost;

/// <summary>
/// The size of a reading on the stream and how well the archive compresses it, measured on the simulator's own
/// readings of a fleet of the given size (its mix of device types): the byte counts the cost model multiplies.
/// </summary>
internal static class ReadingSample
{
    private const int MaxDevices = 1000;
    private const int ReadingsPerDevice = 10;

    public static (double RecordBytes, double ArchiveCompression) Measure(int devices)
    {
        var fleet = Fleet.Generate(Math.Min(devices, MaxDevices), seed: 42);
        var generator = new ReadingGenerator(fleet, DateTimeOffset.UnixEpoch.AddYears(56), ratePerDevice: 1);
        long raw = 0;
        var count = fleet.Devices.Count * ReadingsPerDevice;
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                var bytes = ReadingCodec.Encode(generator.Next());
                raw += bytes.Length + 1;
                gzip.Write(bytes);
                gzip.WriteByte((byte)'\n');
            }
        }

        return ((double)(raw - count) / count, (double)compressed.Length / raw);
    }
}
