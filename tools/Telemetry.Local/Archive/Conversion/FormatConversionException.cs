namespace Telemetry.Local.Archive.Conversion;

/// <summary>
/// A record the conversion refused, with Firehose's error code: it goes to the error output prefix instead of the
/// object. Firehose's two per-record codes: a record that is not JSON, and one whose values do not fit the table.
/// </summary>
internal sealed class FormatConversionException(string errorCode, string message) : Exception(message)
{
    public const string ParseError = "DataFormatConversion.ParseError";

    public const string MalformedData = "DataFormatConversion.MalformedData";

    public string ErrorCode { get; } = errorCode;

    public static FormatConversionException Malformed(string detail) => new(MalformedData, "Data does not match the schema. " + detail);
}
