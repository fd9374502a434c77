using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests;

public sealed class FaultProfilesTests
{
    [Fact]
    public void Load_ShippedFile_HasTheProfilesTheStackNeeds()
    {
        var profiles = Profiles.Shipped;

        var flaky = profiles["flaky"];
        var outage = profiles["dynamodb-outage"];

        Assert.True(profiles["off"].InjectsNothing);
        Assert.True(flaky.Kinesis.EntryFailureRate >= 0.2);
        Assert.True(flaky.Kinesis.DropResponseRate >= 0.02);
        Assert.True(flaky.Kinesis.AppliesTo("PutRecords"));
        Assert.InRange(flaky.DynamoDb.ThrottleRate + flaky.DynamoDb.ServerErrorRate, 0.05, 0.05 + 1e-9);
        Assert.True(flaky.Kinesis.MaxLatency > TimeSpan.Zero && flaky.DynamoDb.MaxLatency > TimeSpan.Zero);
        Assert.Equal(1, outage.DynamoDb.ThrottleRate + outage.DynamoDb.ServerErrorRate + outage.DynamoDb.ResetRate, 9);
        Assert.True(outage.Kinesis.InjectsNothing);
    }

    [Theory]
    [InlineData("""{ "kinesis": { "entryFailureRate": 1.5 } }""", "kinesis.entryFailureRate")]
    [InlineData("""{ "dynamodb": { "throttleRate": "often" } }""", "dynamodb.throttleRate")]
    [InlineData("""{ "dynamodb": { "throttleRate": 0.6, "serverErrorRate": 0.6 } }""", "dynamodb.throttleRate")]
    [InlineData("""{ "dynamodb": { "entryFailureRate": 0.1 } }""", "dynamodb.entryFailureRate")]
    [InlineData("""{ "kinesis": { "entryFailurRate": 0.1 } }""", "kinesis.entryFailurRate")]
    [InlineData("""{ "kinesis": { "latencyMs": { "min": 50, "max": 10 } } }""", "kinesis.latencyMs")]
    [InlineData("""{ "kinesis": { "latencyMs": { "min": 0 } } }""", "kinesis.latencyMs.max")]
    [InlineData("""{ "kinesis": { "operations": [] } }""", "kinesis.operations")]
    [InlineData("""{ "s3": {} }""", "s3")]
    public void Parse_InvalidField_ErrorNamesFileProfileAndField(string upstreams, string field)
    {
        var error = Assert.Throws<FaultProfileException>(() => Profiles.With(upstreams));

        Assert.Contains("test-profiles.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("profile 'test'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OffWithFaults_Rejected()
    {
        var json = """{ "profiles": { "off": { "kinesis": { "throttleRate": 0.1 } } } }""";

        var error = Assert.Throws<FaultProfileException>(() => FaultProfiles.Parse(json, "f.json"));

        Assert.Contains("'off' must inject nothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoOffInFile_OffStillKnown()
    {
        var profiles = FaultProfiles.Parse("""{ "profiles": {} }""", "f.json");

        Assert.True(profiles["off"].InjectsNothing);
    }

    [Fact]
    public void Parse_NotJson_ErrorNamesFile()
    {
        var error = Assert.Throws<FaultProfileException>(() => FaultProfiles.Parse("{ profiles", "broken.json"));

        Assert.StartsWith("broken.json: not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
