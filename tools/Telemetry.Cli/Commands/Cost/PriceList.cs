using System.Text.Json;

namespace Telemetry.Cli.Commands.Cost;

/// <summary>One list price and where it comes from.</summary>
internal sealed record Price(double Usd, string Per, string Source, string Seen, bool Confirmed);

/// <summary>config/aws-prices.json: the dated list prices <c>telemetry cost</c> multiplies, each with its source.</summary>
internal sealed record PriceList(string AsOf, string Region, IReadOnlyDictionary<string, Price> Prices)
{
    public static readonly string[] Required =
    [
        "kinesisOnDemandStreamHour", "kinesisOnDemandIngestGb", "kinesisOnDemandRetrieveGb", "kinesisProvisionedShardHour",
        "kinesisProvisionedPutUnitsMillion", "lambdaArm64RequestsMillion", "lambdaArm64GbSecond", "dynamoDbWriteUnitsMillion",
        "dynamoDbReadUnitsMillion", "dynamoDbStorageGbMonth", "firehoseIngestGb", "s3StorageGbMonth", "s3PutThousand",
        "eventBridgeEventsMillion", "snsPublishesMillion", "sqsRequestsMillion",
    ];

    public double this[string key] => Prices[key].Usd;

    /// <exception cref="InvalidDataException">The file is not a price list, or a price lacks its value, source or date.</exception>
    public static PriceList Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var prices = new Dictionary<string, Price>(StringComparer.Ordinal);
            foreach (var entry in root.GetProperty("prices").EnumerateObject())
            {
                var value = entry.Value;
                var usd = value.GetProperty("usd").GetDouble();
                var source = value.GetProperty("source").GetString();
                var seen = value.GetProperty("seen").GetString();
                if (!double.IsFinite(usd) || usd < 0 || string.IsNullOrWhiteSpace(source) || string.IsNullOrWhiteSpace(seen))
                {
                    throw new InvalidDataException($"{path}: prices.{entry.Name} needs a non-negative usd, a source and the date it was seen.");
                }

                prices[entry.Name] = new Price(usd, value.GetProperty("per").GetString() ?? "", source, seen, value.GetProperty("confirmed").GetBoolean());
            }

            if (Required.FirstOrDefault(key => !prices.ContainsKey(key)) is { } missing)
            {
                throw new InvalidDataException($"{path}: prices.{missing} is missing.");
            }

            return new PriceList(root.GetProperty("asOf").GetString() ?? "", root.GetProperty("region").GetString() ?? "", prices);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a price list: {e.Message}", e);
        }
    }
}
