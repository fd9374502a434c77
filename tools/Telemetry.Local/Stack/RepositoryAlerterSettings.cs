using Telemetry.Local.Emulators;
using Telemetry.Storage;

namespace Telemetry.Local.Stack;

/// <summary>The alerter's settings outside Lambda: the function's variables, and its rules file from the repository.</summary>
public static class RepositoryAlerterSettings
{
    /// <summary>
    /// The variables as the function reads them, with <paramref name="tableName"/> and <paramref name="busName"/>;
    /// the rules are the file <c>TELEMETRY_ALERT_RULES</c> names, else the repository's config/alert-rules.json (the
    /// one the function is packaged with).
    /// </summary>
    public static AlerterSettings For(string tableName, string busName)
    {
        var settings = AlerterSettings.FromEnvironment(Environment.GetEnvironmentVariable) with { TableName = tableName, EventBusName = busName };
        return string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(AlerterSettings.RulesVariable))
            ? settings with { RulesPath = Path.Combine(LocalToolsFolder.RepoRoot, "config", AlerterSettings.RulesFileName) }
            : settings;
    }
}
