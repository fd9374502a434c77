using Telemetry.Processing.Alerts;

namespace Telemetry.Producer.Cli;

/// <summary>
/// Finds and reads the alert rules the anomalies are shaped for: the repository's config/alert-rules.json by default,
/// the same file the alerter and the watchdog read, so that the simulator and the pipeline agree on the thresholds.
/// </summary>
public static class AlertRulesFile
{
    public static readonly string RelativePath = Path.Combine("config", "alert-rules.json");

    /// <summary>
    /// The nearest config/alert-rules.json above <paramref name="workingDirectory"/>, else above
    /// <paramref name="baseDirectory"/> (the executable's folder, inside the repository when built there); null if neither has one.
    /// </summary>
    public static string? FindDefault(string workingDirectory, string baseDirectory, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        foreach (var start in new[] { workingDirectory, baseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <exception cref="AlertRulesException">The file is missing, unreadable or not a valid rules file.</exception>
    public static AlertRuleSet Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AlertRulesException($"The alert rules '{path}' cannot be read: {e.Message}", e);
        }

        return AlertRulesParser.Parse(text, path);
    }
}
