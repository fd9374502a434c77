namespace Telemetry.Processing.Alerts;

/// <summary>A rules file that cannot be used; <see cref="Problems"/> names each rule and field at fault.</summary>
public sealed class AlertRulesException : Exception
{
    public AlertRulesException(string source, IReadOnlyList<string> problems)
        : base($"{source} is not a valid alert rules file:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    public AlertRulesException()
        : this("The alert rules", [])
    {
    }

    public AlertRulesException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public AlertRulesException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
