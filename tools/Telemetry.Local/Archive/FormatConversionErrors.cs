using System.Text.Json;

namespace Telemetry.Local.Archive;

/// <summary>
/// The error output object Firehose writes for the records its format conversion refused, under the error prefix
/// with <c>!{firehose:error-output-type}</c> <c>format-conversion-failed</c>: one JSON document per record, a line
/// each, uncompressed (a converting delivery stream must have compression UNCOMPRESSED) and named without an
/// extension. The fields are those of the objects Firehose writes: <c>lastErrorCode</c> and <c>lastErrorMessage</c>,
/// where the developer guide's schema says <c>ErrorCode</c> and <c>ErrorMessage</c>. Locally there is no Glue catalog,
/// so <c>dataCatalogTable</c> is left out.
/// </summary>
public static class FormatConversionErrors
{
    /// <summary>The error object for <paramref name="failed"/>, whose one delivery attempt ended at <paramref name="attemptEnding"/>.</summary>
    public static byte[] Encode(IEnumerable<(BufferedRecord Record, ArchiveEncodingFailure Failure)> failed, DateTimeOffset attemptEnding)
    {
        ArgumentNullException.ThrowIfNull(failed);
        using var output = new MemoryStream();
        foreach (var (record, failure) in failed)
        {
            using (var writer = new Utf8JsonWriter(output))
            {
                writer.WriteStartObject();
                writer.WriteNumber("attemptsMade", 1);
                writer.WriteNumber("arrivalTimestamp", record.ApproximateArrival.ToUnixTimeMilliseconds());
                writer.WriteString("lastErrorCode", failure.ErrorCode);
                writer.WriteString("lastErrorMessage", failure.Message);
                writer.WriteNumber("attemptEndingTimestamp", attemptEnding.ToUnixTimeMilliseconds());
                writer.WriteBase64String("rawData", record.Data.Span);
                writer.WriteString("sequenceNumber", record.SequenceNumber);
                // Records are not KPL-aggregated: each Kinesis record is one user record, subsequence 0.
                writer.WriteNumber("subSequenceNumber", 0);
                writer.WriteEndObject();
            }

            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }
}
