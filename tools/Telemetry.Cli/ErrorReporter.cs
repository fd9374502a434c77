using Spectre.Console;
using Spectre.Console.Cli;

namespace Telemetry.Cli;

/// <summary>Turns failures into one clear line and an exit code scripts can use.</summary>
public static class ErrorReporter
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Report(IAnsiConsole console, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(console);
        switch (exception)
        {
            case CommandAppException or CommandParseException or CommandRuntimeException or ArgumentException or Telemetry.Aws.AwsConfigurationException:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return BadInput;
            case OperationCanceledException:
                console.MarkupLine("[yellow]cancelled[/]");
                return Failed;
            default:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return Failed;
        }
    }
}
