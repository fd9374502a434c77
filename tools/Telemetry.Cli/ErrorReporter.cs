using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;

namespace Telemetry.Cli;

/// <summary>Turns failures into one clear line and one of the <see cref="ExitCodes"/> scripts can use.</summary>
public static class ErrorReporter
{
    public static int Report(IAnsiConsole console, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(console);
        switch (exception)
        {
            case CommandAppException or CommandParseException or CommandRuntimeException or ArgumentException or Telemetry.Aws.AwsConfigurationException:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return ExitCodes.Usage;
            case OperationCanceledException:
                console.MarkupLine("[yellow]cancelled[/]");
                return ExitCodes.Failed;
            default:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return ExitCodes.Failed;
        }
    }
}
