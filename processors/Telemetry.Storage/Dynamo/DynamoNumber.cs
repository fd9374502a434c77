using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Telemetry.Storage.Dynamo;

// DynamoDB numbers travel as strings; round-trip formatting keeps doubles exact.
internal static class DynamoNumber
{
    public static AttributeValue Of(double value) => new() { N = value.ToString("R", CultureInfo.InvariantCulture) };

    public static AttributeValue Of(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    // The format DynamoDB's TTL reads: whole seconds since the Unix epoch.
    public static AttributeValue EpochSeconds(DateTimeOffset time) => Of(time.ToUnixTimeSeconds());

    public static double Double(AttributeValue? value, string name) =>
        double.Parse(Require(value, name), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static long Long(AttributeValue? value, string name) =>
        long.Parse(Require(value, name), NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Require(AttributeValue? value, string name) =>
        value?.N ?? throw new InvalidDataException($"Attribute '{name}' is missing or not a number.");
}
