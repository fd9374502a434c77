using Telemetry.Cli.Commands.Redrive;

namespace Telemetry.Cli.Tests.Redrive;

public sealed class OnFailureFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("telemetry-onfailure-").FullName;

    private string PathOf(string name) => Path.Combine(folder, name);

    private static string Line(int start) =>
        InvocationRecordTests.Sample.Replace("49601189658422359378836298521827638475320189012309704722", start.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Read_RecordsBlankAndMalformedLines_NumbersEachAndSaysWhyNotARecord()
    {
        var path = PathOf("aggregator.jsonl");
        File.WriteAllText(path, $"{Line(1)}\n\n{{oops\r\n{Line(2)}\n");

        var lines = OnFailureFile.Read(path);

        Assert.Equal([1, 3, 4], lines.Select(l => l.Number));
        Assert.Equal(["1", null, "2"], lines.Select(l => l.Record?.StartSequenceNumber));
        Assert.StartsWith("not JSON", lines[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkRedriven_SomeLines_MovesThemToRedrivenAndKeepsTheRestInOrder()
    {
        var path = PathOf("aggregator.jsonl");
        File.WriteAllText(path, $"{Line(1)}\n{{oops\n{Line(2)}\n{Line(3)}\n");
        File.WriteAllText(path + OnFailureFile.RedrivenSuffix, $"{Line(0)}\n");

        OnFailureFile.MarkRedriven(path, [Line(1), Line(3)]);

        Assert.Equal($"{{oops\n{Line(2)}\n", File.ReadAllText(path));
        Assert.Equal($"{Line(0)}\n{Line(1)}\n{Line(3)}\n", File.ReadAllText(path + OnFailureFile.RedrivenSuffix));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void MarkRedriven_SameLineTwiceListedOnce_RemovesOneCopy()
    {
        var path = PathOf("aggregator.jsonl");
        File.WriteAllText(path, $"{Line(1)}\n{Line(1)}\n");

        OnFailureFile.MarkRedriven(path, [Line(1)]);

        Assert.Equal($"{Line(1)}\n", File.ReadAllText(path));
    }

    [Fact]
    public void MarkRedriven_Nothing_LeavesBothFilesAlone()
    {
        var path = PathOf("aggregator.jsonl");
        File.WriteAllText(path, $"{Line(1)}\n");

        OnFailureFile.MarkRedriven(path, []);

        Assert.Equal($"{Line(1)}\n", File.ReadAllText(path));
        Assert.False(File.Exists(path + OnFailureFile.RedrivenSuffix));
    }
}
