namespace Telemetry.Processing.Alerts;

/// <summary>The lower-case words the rules file and the events use for severities and directions.</summary>
public static class AlertWords
{
    public static string Of(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    public static string Of(AlertDirection direction) => direction switch
    {
        AlertDirection.Above => "above",
        AlertDirection.Below => "below",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown direction."),
    };

    public static bool TryParseSeverity(string? text, out AlertSeverity severity)
    {
        foreach (var candidate in Enum.GetValues<AlertSeverity>())
        {
            if (Of(candidate) == text)
            {
                severity = candidate;
                return true;
            }
        }

        severity = default;
        return false;
    }

    public static bool TryParseDirection(string? text, out AlertDirection direction)
    {
        foreach (var candidate in Enum.GetValues<AlertDirection>())
        {
            if (Of(candidate) == text)
            {
                direction = candidate;
                return true;
            }
        }

        direction = default;
        return false;
    }
}
