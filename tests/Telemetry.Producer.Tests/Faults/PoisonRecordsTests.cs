using Telemetry.Contracts;
using Telemetry.Producer.Faults;

namespace Telemetry.Producer.Tests.Faults;

public class PoisonRecordsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Reading Template = new(
        ReadingSchema.CurrentVersion, "thermostat-0001", "thermostat", "Lake Evan Plant 2", Now, 17,
        new Dictionary<string, double> { ["temperature"] = 21.5, ["humidity"] = 40 }, 1_740_830_400_000);

    public static TheoryData<RejectReason> Reasons() => new(PoisonRecords.Rotation);

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Build_EachReason_DecoderRejectsWithThatReason(RejectReason reason)
    {
        var data = PoisonRecords.Build(reason, Template, Now + TimeSpan.FromDays(1));

        var result = ReadingDecoder.Decode(data, Now);

        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Rotation_EveryRejectReason_ExceptNone()
    {
        Assert.Equal(Enum.GetValues<RejectReason>().Where(r => r != RejectReason.None), PoisonRecords.Rotation);
    }

    [Fact]
    public void Build_Template_IsItselfAccepted()
    {
        Assert.True(ReadingDecoder.Decode(ReadingCodec.Encode(Template), Now).IsAccepted);
    }
}
