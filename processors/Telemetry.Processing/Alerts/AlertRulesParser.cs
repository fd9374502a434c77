using System.Globalization;
using System.Text.Json;
using Telemetry.Contracts;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// Reads the alert rules file (config/alert-rules.json; docs/alert-rules.md) and checks every field, collecting
/// every problem, each naming its rule and field, so that one run of a check shows all that is wrong. Unknown
/// fields are problems too: a misspelt <c>"treshold"</c> must not leave a rule without one.
/// </summary>
public static class AlertRulesParser
{
    private static readonly HashSet<string> RuleFields =
        ["id", "metric", "deviceType", "deviceIds", "site", "direction", "threshold", "clearLevel", "for", "consecutive", "severity", "description"];

    private static readonly HashSet<string> TopFields = ["rules", "silence", "$comment"];

    /// <exception cref="AlertRulesException">The text is not a valid rules file.</exception>
    public static AlertRuleSet Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new AlertRulesException(source, [$"not JSON: {e.Message}"]);
        }

        using (document)
        {
            var problems = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new AlertRulesException(source, ["the file must hold a JSON object with \"rules\" and \"silence\""]);
            }

            problems.AddRange(Unknown(root, TopFields, "the file"));
            var rules = ReadRules(root, problems);
            var silence = ReadSilence(root, problems);
            if (problems.Count > 0)
            {
                throw new AlertRulesException(source, problems);
            }

            return new AlertRuleSet(rules, silence);
        }
    }

    private static List<AlertRule> ReadRules(JsonElement root, List<string> problems)
    {
        var rules = new List<AlertRule>();
        if (!root.TryGetProperty("rules", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("\"rules\" must be an array of rules");
            return rules;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var reader = new RuleReader(element, index++, problems);
            if (reader.Read() is { } rule)
            {
                if (!ids.Add(rule.Id))
                {
                    problems.Add($"{reader.Name}: id '{rule.Id}' is used by an earlier rule; ids must be unique");
                }

                rules.Add(rule);
            }
        }

        return rules;
    }

    private static Dictionary<string, TimeSpan> ReadSilence(JsonElement root, List<string> problems)
    {
        var silence = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (!root.TryGetProperty("silence", out var map))
        {
            return silence;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            problems.Add("\"silence\" must be an object of device type to duration, for example { \"thermostat\": \"2m\" }");
            return silence;
        }

        foreach (var entry in map.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.String && Durations.TryParse(entry.Value.GetString(), out var after) && after > TimeSpan.Zero)
            {
                silence[entry.Name] = after;
            }
            else
            {
                problems.Add($"silence of '{entry.Name}': {entry.Value.GetRawText()} is not a positive duration ({Durations.Examples})");
            }
        }

        return silence;
    }

    private static IEnumerable<string> Unknown(JsonElement element, HashSet<string> known, string what) =>
        element.EnumerateObject()
            .Where(p => !known.Contains(p.Name))
            .Select(p => $"{what}: unknown field '{p.Name}' (known: {string.Join(", ", known.Where(k => k != "$comment"))})");

    // Reads one rule, adding a problem per bad field; null when the rule cannot be built.
    private sealed class RuleReader(JsonElement element, int index, List<string> problems)
    {
        public string Name { get; private set; } = string.Create(CultureInfo.InvariantCulture, $"rules[{index}]");

        public AlertRule? Read()
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{Name}: a rule is a JSON object");
                return null;
            }

            var before = problems.Count;
            var id = Text("id");
            if (id is not null)
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"rule '{id}' (rules[{index}])");
                if (!IsIdentifier(id))
                {
                    Problem("id", $"'{id}' may hold only letters, digits, '.', '_' and '-', at most 64 characters");
                }
            }

            problems.AddRange(Unknown(element, RuleFields, Name));
            var metric = Text("metric");
            var deviceType = Text("deviceType");
            var deviceIds = DeviceIds();
            var site = Optional("site") ? Text("site") : null;
            var direction = Direction();
            var threshold = Number("threshold");
            var clearLevel = Optional("clearLevel") ? Number("clearLevel") : threshold;
            var condition = Condition();
            var severity = Severity();
            if (direction is { } d && threshold is { } t && clearLevel is { } c
                && (d == AlertDirection.Above ? c > t : c < t))
            {
                Problem("clearLevel", $"{c.ToString(CultureInfo.InvariantCulture)} must be at or {(d == AlertDirection.Above ? "below" : "above")} the threshold {t.ToString(CultureInfo.InvariantCulture)} of a rule that breaches {AlertWords.Of(d)} it");
            }

            if (problems.Count > before)
            {
                return null;
            }

            return new AlertRule(id!, metric!, deviceType!, direction!.Value, threshold!.Value, clearLevel!.Value, condition!, severity!.Value)
            {
                DeviceIds = deviceIds,
                Site = site,
            };
        }

        private bool Optional(string field) => element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

        private void Problem(string field, string message) => problems.Add($"{Name}: '{field}' {message}");

        private string? Text(string field)
        {
            if (!element.TryGetProperty(field, out var value))
            {
                Problem(field, "is missing");
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Problem(field, $"must be a non-empty string (got {value.GetRawText()})");
                return null;
            }

            return value.GetString();
        }

        private double? Number(string field)
        {
            if (!element.TryGetProperty(field, out var value))
            {
                Problem(field, "is missing");
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                Problem(field, $"must be a finite number (got {value.GetRawText()})");
                return null;
            }

            return number;
        }

        private HashSet<string>? DeviceIds()
        {
            if (!Optional("deviceIds"))
            {
                return null;
            }

            var value = element.GetProperty("deviceIds");
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
                || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())))
            {
                Problem("deviceIds", $"must be a non-empty array of device ids (got {value.GetRawText()}); leave it out for every device of the type");
                return null;
            }

            return value.EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
        }

        private AlertDirection? Direction()
        {
            var text = Text("direction");
            if (text is null)
            {
                return null;
            }

            if (!AlertWords.TryParseDirection(text, out var direction))
            {
                Problem("direction", $"'{text}' is neither 'above' nor 'below'");
                return null;
            }

            return direction;
        }

        private AlertSeverity? Severity()
        {
            var text = Text("severity");
            if (text is null)
            {
                return null;
            }

            if (!AlertWords.TryParseSeverity(text, out var severity))
            {
                Problem("severity", $"'{text}' is not one of info, warning, critical");
                return null;
            }

            return severity;
        }

        private AlertCondition? Condition()
        {
            var hasFor = Optional("for");
            var hasCount = Optional("consecutive");
            if (hasFor && hasCount)
            {
                Problem("for", "and 'consecutive' exclude each other: a breach holds for a time or for a number of readings");
                return null;
            }

            if (hasFor)
            {
                var value = element.GetProperty("for");
                if (value.ValueKind == JsonValueKind.String && Durations.TryParse(value.GetString(), out var holdFor) && holdFor > TimeSpan.Zero)
                {
                    return AlertCondition.For(holdFor);
                }

                Problem("for", $"{value.GetRawText()} is not a positive duration ({Durations.Examples})");
                return null;
            }

            if (hasCount)
            {
                var value = element.GetProperty("consecutive");
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count is >= 1 and <= 10_000)
                {
                    return AlertCondition.ConsecutiveReadings(count);
                }

                Problem("consecutive", $"{value.GetRawText()} is not a whole number from 1 to 10000");
                return null;
            }

            return AlertCondition.Immediately;
        }

        private static bool IsIdentifier(string id) =>
            id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
    }
}
