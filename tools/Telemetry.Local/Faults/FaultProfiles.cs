using System.Globalization;
using System.Text.Json;

namespace Telemetry.Local.Faults;

/// <summary>
/// The named profiles of config/fault-profiles.json, validated on load: a typo or an impossible rate fails at
/// start with the file, profile and field in the message, rather than silently injecting nothing.
/// </summary>
public sealed class FaultProfiles
{
    private readonly Dictionary<string, FaultProfile> _profiles;

    private FaultProfiles(Dictionary<string, FaultProfile> profiles) => _profiles = profiles;

    public static string DefaultPath => Path.Combine(Emulators.LocalToolsFolder.RepoRoot, "config", "fault-profiles.json");

    public IReadOnlyCollection<string> Names => _profiles.Keys;

    public FaultProfile this[string name] => Find(name) ?? throw new KeyNotFoundException($"No fault profile '{name}'.");

    public FaultProfile? Find(string name) => _profiles.GetValueOrDefault(name);

    public static FaultProfiles Load(string path) => Parse(File.ReadAllText(path), path);

    /// <param name="source">Names the file in error messages.</param>
    public static FaultProfiles Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FaultProfileException($"{source}: not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Object)
            {
                throw new FaultProfileException($"{source}: expected an object with a \"profiles\" object.");
            }

            RejectUnknown(root, ["profiles"], source, null, string.Empty);
            var parsed = new Dictionary<string, FaultProfile>(StringComparer.Ordinal) { [FaultProfile.OffName] = FaultProfile.Off };
            foreach (var entry in profiles.EnumerateObject())
            {
                var profile = ParseProfile(entry.Name, entry.Value, source);
                if (profile.Name == FaultProfile.OffName && !profile.InjectsNothing)
                {
                    throw new FaultProfileException($"{source}: profile 'off' must inject nothing: a lease that runs out falls back to it.");
                }

                parsed[profile.Name] = profile;
            }

            return new FaultProfiles(parsed);
        }
    }

    private static FaultProfile ParseProfile(string name, JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FaultProfileException($"{source}: profile '{name}' must be an object.");
        }

        RejectUnknown(element, ["description", "kinesis", "dynamodb"], source, name, string.Empty);
        var description = element.TryGetProperty("description", out var d) ? d.GetString() : null;
        return new FaultProfile(
            name,
            description,
            element.TryGetProperty("kinesis", out var kinesis) ? ParseUpstream(FaultUpstream.Kinesis, kinesis, source, name) : UpstreamFaults.None,
            element.TryGetProperty("dynamodb", out var dynamo) ? ParseUpstream(FaultUpstream.DynamoDb, dynamo, source, name) : UpstreamFaults.None);
    }

    private static UpstreamFaults ParseUpstream(FaultUpstream upstream, JsonElement element, string source, string profile)
    {
        var prefix = upstream.Name() + ".";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, profile, upstream.Name(), "must be an object");
        }

        string[] fields = upstream == FaultUpstream.Kinesis
            ? ["operations", "throttleRate", "serverErrorRate", "resetRate", "dropResponseRate", "entryFailureRate", "latencyMs"]
            : ["operations", "throttleRate", "serverErrorRate", "resetRate", "dropResponseRate", "latencyMs"];
        RejectUnknown(element, fields, source, profile, prefix);

        var faults = new UpstreamFaults
        {
            Operations = Operations(element, source, profile, prefix),
            ThrottleRate = Rate(element, "throttleRate", source, profile, prefix),
            ServerErrorRate = Rate(element, "serverErrorRate", source, profile, prefix),
            ResetRate = Rate(element, "resetRate", source, profile, prefix),
            DropResponseRate = Rate(element, "dropResponseRate", source, profile, prefix),
            EntryFailureRate = Rate(element, "entryFailureRate", source, profile, prefix),
        };

        if (faults.ThrottleRate + faults.ServerErrorRate + faults.ResetRate > 1 + 1e-9)
        {
            throw Error(source, profile, prefix + "throttleRate", "throttleRate + serverErrorRate + resetRate must be at most 1 (one draw decides between them)");
        }

        var (min, max) = Latency(element, source, profile, prefix);
        return faults with { MinLatency = min, MaxLatency = max };
    }

    private static HashSet<string>? Operations(JsonElement element, string source, string profile, string prefix)
    {
        if (!element.TryGetProperty("operations", out var operations))
        {
            return null;
        }

        if (operations.ValueKind != JsonValueKind.Array || operations.GetArrayLength() == 0)
        {
            throw Error(source, profile, prefix + "operations", "must be a non-empty array of operation names (leave it out for every operation)");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations.EnumerateArray())
        {
            if (operation.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(operation.GetString()))
            {
                throw Error(source, profile, prefix + "operations", "must hold operation names such as \"PutRecords\"");
            }

            names.Add(operation.GetString()!);
        }

        return names;
    }

    private static double Rate(JsonElement element, string field, string source, string profile, string prefix)
    {
        if (!element.TryGetProperty(field, out var value))
        {
            return 0;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var rate) || rate is < 0 or > 1)
        {
            throw Error(source, profile, prefix + field, $"must be a number from 0 to 1 (was {value.GetRawText()})");
        }

        return rate;
    }

    private static (TimeSpan Min, TimeSpan Max) Latency(JsonElement element, string source, string profile, string prefix)
    {
        if (!element.TryGetProperty("latencyMs", out var latency))
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }

        var field = prefix + "latencyMs";
        if (latency.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, profile, field, "must be an object {\"min\": ms, \"max\": ms}");
        }

        RejectUnknown(latency, ["min", "max"], source, profile, field + ".");
        var min = Milliseconds(latency, "min", source, profile, field);
        var max = Milliseconds(latency, "max", source, profile, field);
        return min <= max ? (min, max) : throw Error(source, profile, field, "min must not exceed max");
    }

    private static TimeSpan Milliseconds(JsonElement latency, string name, string source, string profile, string field)
    {
        // A minute is far beyond any client's timeout: a larger value is a unit mistake, not a test.
        if (!latency.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var ms) || ms is < 0 or > 60_000)
        {
            throw Error(source, profile, $"{field}.{name}", "must be a whole number of milliseconds from 0 to 60000");
        }

        return TimeSpan.FromMilliseconds(ms);
    }

    private static void RejectUnknown(JsonElement element, string[] known, string source, string? profile, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var where = profile is null ? $"{source}: " : $"{source}: profile '{profile}': ";
                throw new FaultProfileException(
                    string.Create(CultureInfo.InvariantCulture, $"{where}unknown field '{prefix}{property.Name}' (known: {string.Join(", ", known)})."));
            }
        }
    }

    private static FaultProfileException Error(string source, string profile, string field, string problem) =>
        new($"{source}: profile '{profile}', field '{field}': {problem}.");
}
