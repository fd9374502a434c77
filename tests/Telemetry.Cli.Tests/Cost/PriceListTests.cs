using Telemetry.Cli.Commands.Cost;
using Telemetry.Local.Emulators;

namespace Telemetry.Cli.Tests.Cost;

public sealed class PriceListTests
{
    [Fact]
    public void Load_TheRepositoryFile_HasEveryPriceWithSourceAndDate()
    {
        var prices = PriceList.Load(Path.Combine(LocalToolsFolder.RepoRoot, "config", "aws-prices.json"));

        Assert.All(PriceList.Required, key => Assert.StartsWith("https://", prices.Prices[key].Source, StringComparison.Ordinal));
        Assert.Equal("us-east-1", prices.Region);
    }

    [Fact]
    public void Load_APriceWithoutItsSource_SaysWhichOne()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{ "asOf": "2026-12-02", "region": "us-east-1", "prices": { "s3PutThousand": { "usd": 0.005, "per": "1,000 PUTs", "source": "", "seen": "2026-12-02", "confirmed": false } } }""");

        var error = Assert.Throws<InvalidDataException>(() => PriceList.Load(path));

        Assert.Contains("prices.s3PutThousand needs", error.Message, StringComparison.Ordinal);
        File.Delete(path);
    }
}
