using Telemetry.Contracts;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Quantiles;
using Telemetry.Processing.Tumbling;

namespace Telemetry.Processing.Tests.Tumbling;

public class PartialRollupsCodecTests
{
    private static readonly WindowKey Minute = new("thermo-1", Resolution.Minute, new DateTimeOffset(2025, 3, 1, 10, 7, 0, TimeSpan.Zero));

    private static RollupState State(double sum, params (long Boot, string Ranges)[] ids) => new(
        "thermostat",
        "plant-a",
        3,
        new Dictionary<string, MetricStats>(StringComparer.Ordinal) { ["temp"] = new(3, sum, -0.1, 1e300, 0.1 + 0.2, QuantileSketch.Of(-0.1, 0, 1e300)), ["rh"] = new(2, 1, 0.5, 0.5, 0.5) },
        AbsorbedReadings.From(ids.Select(i => new KeyValuePair<long, SequenceRanges>(i.Boot, SequenceRanges.Parse(i.Ranges)))));

    [Fact]
    public void Decode_OfEncode_GivesBackEveryWindowBitForBit()
    {
        var partials = new PartialRollups("shardId-000000000001", "4959033827149025660855969253836157109592157598913658889", "4959033827149025660855969253836157109592157598913659999",
            new Dictionary<WindowKey, RollupState> { [Minute] = State(1.0 / 3, (1764129600123, "1-3"), (7, "9,11")) });

        var back = PartialRollupsCodec.Decode(PartialRollupsCodec.Encode(partials));

        Assert.Equal(partials.ShardId, back.ShardId);
        Assert.Equal(partials.FirstSequence, back.FirstSequence);
        Assert.Equal(partials.LastSequence, back.LastSequence);
        var window = Assert.Single(back.Windows);
        Assert.Equal(Minute, window.Key);
        Assert.Equal(partials.Windows[Minute].Metrics["temp"], window.Value.Metrics["temp"]);
        Assert.Equal(partials.Windows[Minute].Metrics["rh"], window.Value.Metrics["rh"]);
        Assert.NotNull(window.Value.Metrics["temp"].Quantiles);
        Assert.Null(window.Value.Metrics["rh"].Quantiles); // as an aggregator that kept no sketch wrote it
        Assert.Equal("1-3", window.Value.Absorbed.ByBoot[1764129600123].ToString());
        Assert.Equal("9,11", window.Value.Absorbed.ByBoot[7].ToString());
        Assert.Equal(("thermostat", "plant-a", 3L), (window.Value.DeviceType, window.Value.Site, window.Value.ReadingCount));
    }

    [Fact]
    public void Decode_Empty_HasNoWindows()
    {
        var back = PartialRollupsCodec.Decode(PartialRollupsCodec.Encode(PartialRollups.Empty));

        Assert.Empty(back.Windows);
        Assert.Null(back.ShardId);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("aGVsbG8=")]
    public void Decode_Garbage_ThrowsInvalidData(string text) =>
        Assert.Throws<InvalidDataException>(() => PartialRollupsCodec.Decode(text));
}
