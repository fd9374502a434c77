using System.Text.Json;
using Telemetry.Contracts.Archive;
using Telemetry.Local.Archive;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Stack;

/// <summary>
/// Reads config/pipeline.json, the one file of settings that the local stack and the AWS deployment share;
/// the mapping settings keep the Lambda API's own names so both sides read them verbatim.
/// </summary>
public static class PipelineConfig
{
    public static string DefaultPath => Path.Combine(Emulators.LocalToolsFolder.RepoRoot, "config", "pipeline.json");

    /// <summary>The functions that consume the stream: those with an <c>eventSourceMapping</c> section.</summary>
    public static IReadOnlyList<string> StreamConsumers(string? path = null)
    {
        path ??= DefaultPath;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("functions", out var functions)
            ? [.. functions.EnumerateObject().Where(f => f.Value.TryGetProperty("eventSourceMapping", out _)).Select(f => f.Name)]
            : [];
    }

    /// <summary>The functions run on a schedule (<c>schedules</c>), each with how often it runs.</summary>
    public static IReadOnlyList<(string Name, TimeSpan Every)> Schedules(string? path = null)
    {
        path ??= DefaultPath;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("schedules", out var schedules))
        {
            return [];
        }

        return [.. schedules.EnumerateObject().Select(s =>
            Int(s.Value, "everySeconds") is { } seconds and > 0
                ? (s.Name, TimeSpan.FromSeconds(seconds))
                : throw new InvalidOperationException($"{path}: schedules.{s.Name}.everySeconds must be a positive whole number of seconds."))];
    }

    public static EventSourceMappingSettings EventSourceMapping(string function, string? path = null)
    {
        path ??= DefaultPath;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("functions", out var functions) || !functions.TryGetProperty(function, out var settings)
            || !settings.TryGetProperty("eventSourceMapping", out var mapping))
        {
            throw new InvalidOperationException($"{path} has no functions.{function}.eventSourceMapping section.");
        }

        var defaults = new EventSourceMappingSettings();
        var result = defaults with
        {
            BatchSize = Int(mapping, "BatchSize") ?? defaults.BatchSize,
            MaximumBatchingWindow = Int(mapping, "MaximumBatchingWindowInSeconds") is { } window ? TimeSpan.FromSeconds(window) : defaults.MaximumBatchingWindow,
            BisectBatchOnFunctionError = Bool(mapping, "BisectBatchOnFunctionError") ?? defaults.BisectBatchOnFunctionError,
            MaximumRetryAttempts = Int(mapping, "MaximumRetryAttempts") ?? defaults.MaximumRetryAttempts,
            MaximumRecordAge = Int(mapping, "MaximumRecordAgeInSeconds") is { } age and not -1 ? TimeSpan.FromSeconds(age) : Timeout.InfiniteTimeSpan,
            TumblingWindow = TimeSpan.FromSeconds(Int(mapping, "TumblingWindowInSeconds") ?? 0),
            ReportBatchItemFailures = mapping.TryGetProperty("FunctionResponseTypes", out var types)
                && types.EnumerateArray().Any(t => t.GetString() == "ReportBatchItemFailures"),
            StartingPosition = mapping.TryGetProperty("StartingPosition", out var start) && start.GetString() == "LATEST"
                ? StartingPosition.Latest
                : StartingPosition.TrimHorizon,
        };

        // Fail here, naming the file, rather than when the function service starts the mapping.
        try
        {
            result.Validate();
        }
        catch (ArgumentException error)
        {
            throw new InvalidOperationException($"{path}: functions.{function}.eventSourceMapping: {error.Message}", error);
        }

        return result;
    }

    /// <summary>What the local function service consumes the stream with: every function of <see cref="StreamConsumers"/>, then the archive's delivery stream.</summary>
    public static IReadOnlyList<string> LocalStreamConsumers(string? path = null) =>
        [.. StreamConsumers(path), .. HasArchive(path) ? new[] { Service.LocalConsumer.ArchiveConsumer } : []];

    /// <summary>Every function's memory size in MB (<c>memoryMb</c>), stream consumers and scheduled ones alike, by name.</summary>
    public static IReadOnlyDictionary<string, int> MemorySizes(string? path = null)
    {
        path ??= DefaultPath;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var section in new[] { "functions", "schedules" })
        {
            if (document.RootElement.TryGetProperty(section, out var functions))
            {
                foreach (var function in functions.EnumerateObject())
                {
                    sizes[function.Name] = Int(function.Value, "memoryMb")
                        ?? throw new InvalidOperationException($"{path}: {section}.{function.Name}.memoryMb must be a whole number of MB.");
                }
            }
        }

        return sizes;
    }

    /// <summary>Whether the file has an <c>archive</c> section, which the local delivery stream serves.</summary>
    public static bool HasArchive(string? path = null)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path ?? DefaultPath));
        return document.RootElement.TryGetProperty("archive", out _);
    }

    /// <summary>The delivery stream's settings (<c>archive</c>), or null when the file has no archive.</summary>
    /// <exception cref="InvalidOperationException">A setting Firehose would refuse, naming the file and the field.</exception>
    public static ArchiveSettings? Archive(string? path = null)
    {
        path ??= DefaultPath;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("archive", out var archive))
        {
            return null;
        }

        try
        {
            var defaults = new ArchiveSettings { Prefix = FirehosePrefix.Parse("", false), ErrorOutputPrefix = FirehosePrefix.Parse("", true) };
            var settings = new ArchiveSettings
            {
                BufferingSizeMb = Int(archive, "bufferingSizeMb") ?? defaults.BufferingSizeMb,
                BufferingInterval = Int(archive, "bufferingIntervalSeconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.BufferingInterval,
                Prefix = FirehosePrefix.Parse(String(archive, "prefix") ?? "", isErrorPrefix: false),
                ErrorOutputPrefix = FirehosePrefix.Parse(String(archive, "errorOutputPrefix") ?? "", isErrorPrefix: true),
                Format = ArchiveFormats.ByName(String(archive, "format") ?? NdjsonGzipFormat.FormatName),
            };
            settings.Validate();
            return settings;
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{path}: archive: {error.Message}", error);
        }
    }

    private static string? String(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static bool? Bool(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetBoolean() : null;
}
