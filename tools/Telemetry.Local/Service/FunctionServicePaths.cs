namespace Telemetry.Local.Service;

/// <summary>Where the local function service keeps its files inside the stack's data folder.</summary>
public static class FunctionServicePaths
{
    public const string LogFileName = "functions.log";

    public static string Log(string dataDirectory) => Path.Combine(dataDirectory, LogFileName);

    public static string Pid(string dataDirectory) => Path.Combine(dataDirectory, "functions.pid");

    /// <summary>Held exclusively by the running service, so that two services never consume for one stack.</summary>
    public static string Lock(string dataDirectory) => Path.Combine(dataDirectory, "functions.lock");

    public static string Status(string dataDirectory) => Path.Combine(dataDirectory, "functions-status.json");

    public static string Checkpoints(string dataDirectory) => Path.Combine(dataDirectory, "checkpoints");

    public static string OnFailure(string dataDirectory, string function) => Path.Combine(dataDirectory, "on-failure", $"{function}.jsonl");
}
