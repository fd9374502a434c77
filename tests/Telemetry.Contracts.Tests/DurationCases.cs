using System.Globalization;
using System.Text.Json;

namespace Telemetry.Contracts.Tests;

/// <summary>
/// The duration syntax's cases from tests/Shared/duration-cases.json, which the Pulumi program's tests read too:
/// one table, so the two parsers cannot drift apart unnoticed.
/// </summary>
public static class DurationCases
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "duration-cases.json"))));

    public static TheoryData<string, long> Accepted()
    {
        var data = new TheoryData<string, long>();
        foreach (var item in Document.Value.RootElement.GetProperty("accepted").EnumerateArray())
        {
            data.Add(item.GetProperty("text").GetString()!, long.Parse(item.GetProperty("ticks").GetString()!, CultureInfo.InvariantCulture));
        }

        return data;
    }

    public static TheoryData<string> Refused()
    {
        var data = new TheoryData<string>();
        foreach (var item in Document.Value.RootElement.GetProperty("refused").EnumerateArray())
        {
            data.Add(item.GetString()!);
        }

        return data;
    }
}
