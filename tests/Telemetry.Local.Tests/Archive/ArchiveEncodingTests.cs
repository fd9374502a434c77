using Telemetry.Local.Archive;

namespace Telemetry.Local.Tests.Archive;

public sealed class ArchiveEncodingTests
{
    [Fact]
    public void CheckAccountsFor_EveryRecordEncodedOrRefusedOnce_Passes()
    {
        var encoding = new ArchiveEncoding([1], 2, [new ArchiveEncodingFailure(1, "code", "why")]);

        encoding.CheckAccountsFor(3);
    }

    [Theory]
    [InlineData(2, new[] { 0 }, 4)]
    [InlineData(1, new[] { 0, 0 }, 3)]
    [InlineData(2, new[] { 3 }, 3)]
    [InlineData(3, new int[0], 2)]
    public void CheckAccountsFor_ARecordInNeitherOrTwice_Throws(int encoded, int[] refused, int records)
    {
        var encoding = new ArchiveEncoding([], encoded, [.. refused.Select(i => new ArchiveEncodingFailure(i, "code", "why"))]);

        Assert.Throws<InvalidOperationException>(() => encoding.CheckAccountsFor(records));
    }
}
