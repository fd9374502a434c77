using Telemetry.Aws.EventBridge;

namespace Telemetry.Aws.Tests.EventBridge;

public class PutEventsLimitsTests
{
    [Fact]
    public void EntrySize_SourceDetailTypeAndDetail_CountsTheirUtf8Bytes()
    {
        // Arrange
        var entry = new EventEntry("src", "Tÿpe", """{"t":"°C"}""");

        // Act
        var size = PutEventsLimits.EntrySize(entry);

        // Assert
        Assert.Equal(3 + 5 + 11, size); // ÿ and ° take two bytes each in UTF-8
    }

    [Fact]
    public void EntrySize_TimeAndResources_AddFourteenBytesAndEachResource()
    {
        // Arrange
        var entry = new EventEntry("s", "d", "{}") { Time = DateTimeOffset.UnixEpoch, Resources = ["arn:a", "arn:bc"] };

        // Act
        var size = PutEventsLimits.EntrySize(entry);

        // Assert
        Assert.Equal(1 + 1 + 2 + 14 + 5 + 6, size);
    }
}
