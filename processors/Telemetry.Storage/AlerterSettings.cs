using System.Text.RegularExpressions;
using Telemetry.Aws;
using Telemetry.Processing.Alerts;

namespace Telemetry.Storage;

/// <summary>Configuration of the alerter, read once at start from the environment.</summary>
/// <param name="TableName">The telemetry table: alert state and the rejected records.</param>
/// <param name="EventBusName">The EventBridge bus the alert events go to.</param>
/// <param name="RulesPath">The rules file (config/alert-rules.json, packaged with the function).</param>
public sealed partial record AlerterSettings(string TableName, string EventBusName, string RulesPath)
{
    public const string EventBusVariable = PipelineNames.EventBusVariable;
    public const string RulesVariable = "TELEMETRY_ALERT_RULES";
    public const string RulesFileName = "alert-rules.json";

    /// <summary>How stale a device's recorded last-seen time may be: the alerter writes it at most this often per device.</summary>
    public TimeSpan LastSeenLag { get; init; } = SilenceWatch.DefaultLastSeenLag;

    /// <summary>How long a rejected record is kept; the same variable and default as the aggregator's.</summary>
    public TimeSpan? RejectedTtl { get; init; } = AggregatorSettings.DefaultRejectedTtl;

    /// <summary>Reads the settings through <paramref name="read"/>; unset means the default.</summary>
    /// <exception cref="InvalidOperationException">A variable is set to a value that cannot be used.</exception>
    public static AlerterSettings FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var table = AggregatorSettings.ReadTableName(read);
        var bus = read(EventBusVariable);
        if (string.IsNullOrWhiteSpace(bus))
        {
            bus = PipelineNames.DefaultEventBus;
        }
        else if (!BusNamePattern().IsMatch(bus))
        {
            throw new InvalidOperationException($"{EventBusVariable}='{bus}' is not an event bus name (1-256 characters of a-z, A-Z, 0-9, '.', '_', '-', '/').");
        }

        var rules = read(RulesVariable);
        return new AlerterSettings(table, bus, string.IsNullOrWhiteSpace(rules) ? Path.Combine(AppContext.BaseDirectory, RulesFileName) : rules)
        {
            RejectedTtl = AggregatorSettings.ReadTtl(read, AggregatorSettings.RejectedTtlVariable, AggregatorSettings.DefaultRejectedTtl),
        };
    }

    /// <summary>The rules of <see cref="RulesPath"/>.</summary>
    /// <exception cref="AlertRulesException">The file is missing or not a valid rules file.</exception>
    public AlertRuleSet LoadRules()
    {
        string text;
        try
        {
            text = File.ReadAllText(RulesPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AlertRulesException(RulesPath, [$"cannot be read ({e.Message}); set {RulesVariable} to the rules file"]);
        }

        return AlertRulesParser.Parse(text, RulesPath);
    }

    [GeneratedRegex("^[a-zA-Z0-9._/-]{1,256}$")]
    private static partial Regex BusNamePattern();
}
