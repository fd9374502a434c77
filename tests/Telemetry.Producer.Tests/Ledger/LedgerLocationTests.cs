using Telemetry.Producer.Ledger;

namespace Telemetry.Producer.Tests.Ledger;

public class LedgerLocationTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 4, 5, 600, TimeSpan.Zero);

    [Fact]
    public void Default_LocalStack_UnderItsDataFolder()
    {
        var path = LedgerLocation.Default("/data/local", "/srv/telemetry", "telemetry", Start, _ => false);

        Assert.Equal(Path.Combine("/data/local", "ledgers", "telemetry-20250301T120405Z.json"), path);
    }

    [Fact]
    public void Default_Aws_UnderTheCurrentDirectory()
    {
        var path = LedgerLocation.Default(null, "/srv/telemetry", "telemetry-dev", Start, _ => false);

        Assert.Equal(Path.Combine("/srv/telemetry", "telemetry-ledgers", "telemetry-dev-20250301T120405Z.json"), path);
    }

    [Fact]
    public void Default_SameSecondTaken_NumberedNotOverwritten()
    {
        var taken = new HashSet<string> { Path.Combine("/w", "telemetry-ledgers", "s-20250301T120405Z.json"), Path.Combine("/w", "telemetry-ledgers", "s-20250301T120405Z-2.json") };

        var path = LedgerLocation.Default(null, "/w", "s", Start, taken.Contains);

        Assert.Equal(Path.Combine("/w", "telemetry-ledgers", "s-20250301T120405Z-3.json"), path);
    }
}
