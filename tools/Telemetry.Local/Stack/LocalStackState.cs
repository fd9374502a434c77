using System.Text.Json;
using System.Text.Json.Serialization;
using Telemetry.Local.Emulators;
using Telemetry.Local.Faults;
using Telemetry.Local.Service;

namespace Telemetry.Local.Stack;

/// <summary>What <c>local up</c> started, recorded so that later commands find it and <c>down</c> stops only that.</summary>
public sealed record LocalStackState(
    IReadOnlyList<EmulatorProcess> Processes,
    string StreamName,
    string TableName,
    string BucketName)
{
    public const string FileName = "stack.json";

    /// <summary>The local function service, once started.</summary>
    public FunctionServiceProcess? Functions { get; init; }

    /// <summary>Every function behind its mapping consumes the stream.</summary>
    public bool FunctionsRunning => Functions?.IsRunning() == true;

    /// <summary>
    /// The fault proxy in front of Kinesis and DynamoDB, once started. It passes everything through until a fault
    /// profile is switched on (<c>demo --faults</c>, <c>local faults</c>).
    /// </summary>
    public FaultProxyProcess? FaultProxy { get; init; }

    /// <summary>
    /// The alert fan-out on moto (bus, rule, topic, queue), once created; clients reach moto at
    /// <c>Endpoint(EmulatorKind.Moto)</c>. Recreated by every <c>up</c>: moto keeps it in memory only.
    /// </summary>
    public LocalAlertWiring? Alerts { get; init; }

    /// <summary>
    /// Replaces <c>archive.bufferingIntervalSeconds</c> of config/pipeline.json for this stack's delivery stream
    /// (<c>local up --archive-interval</c>); null keeps the file's.
    /// </summary>
    public TimeSpan? ArchiveBufferingInterval { get; init; }

    /// <summary>
    /// Replaces <c>TumblingWindowInSeconds</c> of the functions that have one in config/pipeline.json, for this stack
    /// (<c>local up --flush-interval</c>); zero writes per batch; null keeps the file's.
    /// </summary>
    public TimeSpan? FlushInterval { get; init; }

    /// <summary>
    /// Where clients of the pipeline (the simulator, the function service, <c>local env</c>) reach
    /// <paramref name="kind"/>: through the fault proxy when it serves that service, else the emulator itself.
    /// </summary>
    public Uri Endpoint(EmulatorKind kind) =>
        FaultProxy is { } proxy && Upstream(kind) is { } upstream && proxy.Ports.ContainsKey(upstream)
            ? proxy.Endpoint(upstream)
            : EmulatorEndpoint(kind);

    /// <summary>The emulator itself, bypassing the fault proxy: for set-up, status and reading results.</summary>
    public Uri EmulatorEndpoint(EmulatorKind kind) =>
        Processes.First(p => p.Kind == kind).Endpoint;

    public bool AllRunning => Processes.Count > 0 && Processes.All(p => p.IsRunning()) && FaultProxy?.IsRunning() != false;

    internal static FaultUpstream? Upstream(EmulatorKind kind) => kind switch
    {
        EmulatorKind.Kinesis => FaultUpstream.Kinesis,
        EmulatorKind.DynamoDb => FaultUpstream.DynamoDb,
        _ => null,
    };

    public static LocalStackState? Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), LocalStackStateJson.Default.LocalStackState);
        }
        catch (JsonException)
        {
            return null; // A torn or foreign file is treated as "nothing recorded".
        }
    }

    public void Save(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, LocalStackStateJson.Default.LocalStackState));
        File.Move(temporary, path, overwrite: true);
    }

    public static void Delete(string dataDirectory) => File.Delete(Path.Combine(dataDirectory, FileName));
}

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LocalStackState))]
internal sealed partial class LocalStackStateJson : JsonSerializerContext;
