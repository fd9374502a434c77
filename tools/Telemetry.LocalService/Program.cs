using System.Runtime.InteropServices;
using Telemetry.Local.Service;
using Telemetry.LocalService;

// Started by `telemetry local up` as: telemetry-local-service --data-dir <folder>
if (args is not [FunctionServiceProcess.DataDirectoryFlag, var dataDirectory] || string.IsNullOrWhiteSpace(dataDirectory))
{
    Console.Error.WriteLine($"usage: {FunctionServiceProcess.AssemblyName} {FunctionServiceProcess.DataDirectoryFlag} <folder>  (started by './telemetry local up')");
    return 2;
}

// The functions write each metric and log line to stdout's descriptor in one write. The service's own lines and the
// functions' warnings must go out whole too: .NET's console writers flush every 256 characters, and a JSON line landing
// inside a longer line in functions.log would be lost to 'local status'.
Console.SetOut(WholeLines(Console.OpenStandardOutput()));
Console.SetError(WholeLines(Console.OpenStandardError()));

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

static TextWriter WholeLines(Stream stream) =>
    TextWriter.Synchronized(new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 256 * 1024) { AutoFlush = true });
