using System.Runtime.InteropServices;
using Telemetry.Local.Service;
using Telemetry.LocalService;

// Started by `telemetry local up` as: telemetry-local-service --data-dir <folder>
if (args is not [FunctionServiceProcess.DataDirectoryFlag, var dataDirectory] || string.IsNullOrWhiteSpace(dataDirectory))
{
    Console.Error.WriteLine($"usage: {FunctionServiceProcess.AssemblyName} {FunctionServiceProcess.DataDirectoryFlag} <folder>  (started by './telemetry local up')");
    return 2;
}

using var stop = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
return await new FunctionService(Path.GetFullPath(dataDirectory), TimeProvider.System, Console.Out).RunAsync(stop.Token);

void Stop(PosixSignalContext context)
{
    // Handled here, so the process ends after the consumers have stopped rather than at once.
    context.Cancel = true;
    stop.Cancel();
}
