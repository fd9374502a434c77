using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Local;

/// <summary>Prints shell exports: the standard SDK variables are the one switch between local and AWS.</summary>
public sealed class LocalEnvCommand(IAnsiConsole console) : Command<LocalSettings>
{
    public override int Execute(CommandContext context, LocalSettings settings, CancellationToken cancellationToken)
    {
        var state = LocalStackState.Load(settings.ResolvedDataDirectory);
        if (state is null || !state.AllRunning)
        {
            console.MarkupLine("[red]error:[/] the local stack is not running; start it with [bold]./telemetry local up[/].");
            return ExitCodes.Failed;
        }

        foreach (var (name, value) in Variables(state))
        {
            console.WriteLine($"export {name}={value}");
        }

        return ExitCodes.Ok;
    }

    public static IEnumerable<(string Name, string Value)> Variables(LocalStackState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        yield return ("AWS_ENDPOINT_URL_KINESIS", state.Endpoint(EmulatorKind.Kinesis).ToString().TrimEnd('/'));
        yield return ("AWS_ENDPOINT_URL_DYNAMODB", state.Endpoint(EmulatorKind.DynamoDb).ToString().TrimEnd('/'));
        yield return ("AWS_ENDPOINT_URL_S3", state.Endpoint(EmulatorKind.S3).ToString().TrimEnd('/'));
        // A stack recorded before moto joined it has none until its next `up`.
        if (state.Processes.Any(p => p.Kind == EmulatorKind.Moto))
        {
            var moto = state.Endpoint(EmulatorKind.Moto).ToString().TrimEnd('/');
            yield return ("AWS_ENDPOINT_URL_EVENTBRIDGE", moto);
            yield return ("AWS_ENDPOINT_URL_SNS", moto);
            yield return ("AWS_ENDPOINT_URL_SQS", moto);
        }

        if (state.Alerts is { } alerts)
        {
            yield return ("TELEMETRY_ALERT_QUEUE_URL", alerts.QueueUrl);
        }
        yield return ("AWS_ACCESS_KEY_ID", LocalAws.Credentials.GetCredentials().AccessKey);
        yield return ("AWS_SECRET_ACCESS_KEY", LocalAws.Credentials.GetCredentials().SecretKey);
        yield return ("AWS_REGION", LocalAws.Region);
        yield return ("AWS_DEFAULT_REGION", LocalAws.Region); // the aws CLI v1 reads only this one
    }
}
