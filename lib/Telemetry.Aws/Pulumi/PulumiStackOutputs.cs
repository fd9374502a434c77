using System.Text.Json;

namespace Telemetry.Aws.Pulumi;

/// <summary>
/// The outputs of a deployed stack that clients need to reach it, as printed by
/// <c>pulumi stack output --json --stack &lt;name&gt;</c>.
/// </summary>
/// <param name="StreamName">The Kinesis stream (output <c>streamName</c>).</param>
/// <param name="TableName">The rollup table (output <c>tableName</c>).</param>
/// <param name="BucketName">The archive bucket (output <c>bucketName</c>).</param>
/// <param name="BusName">The EventBridge bus (output <c>busName</c>).</param>
/// <param name="Region">The region it is deployed in (output <c>region</c>).</param>
public sealed record PulumiStackOutputs(string StreamName, string TableName, string BucketName, string BusName, string Region)
{
    public const string StreamOutput = "streamName";
    public const string TableOutput = "tableName";
    public const string BucketOutput = "bucketName";
    public const string BusOutput = "busName";
    public const string RegionOutput = "region";
    public const string FunctionNamesOutput = "functionNames";
    public const string ScheduledFunctionNamesOutput = "scheduledFunctionNames";
    public const string AlertTopicArnOutput = "alertTopicArn";

    /// <summary>
    /// The stream functions' names by their key in config/pipeline.json (output <c>functionNames</c>, optional:
    /// only commands that reach a function's resources need it).
    /// </summary>
    public IReadOnlyDictionary<string, string> FunctionNames { get; init; } = NoFunctions;

    /// <summary>The scheduled functions' names by their key, such as <c>watchdog</c> (output <c>scheduledFunctionNames</c>, optional).</summary>
    public IReadOnlyDictionary<string, string> ScheduledFunctionNames { get; init; } = NoFunctions;

    /// <summary>The topic alert events fan out through (output <c>alertTopicArn</c>, optional: stacks deployed before the alerts lack it).</summary>
    public string? AlertTopicArn { get; init; }

    // Shared, so that outputs without functions compare equal as records.
    private static readonly IReadOnlyDictionary<string, string> NoFunctions = new Dictionary<string, string>(StringComparer.Ordinal);

    private static readonly string[] Required = [StreamOutput, TableOutput, BucketOutput, BusOutput, RegionOutput];

    /// <summary>Runs <c>pulumi stack output --json --stack <paramref name="stackName"/></c> in <paramref name="workingDirectory"/> and parses it.</summary>
    /// <exception cref="AwsConfigurationException">Pulumi is missing, fails (its message is passed on), or the stack lacks an output.</exception>
    public static async Task<PulumiStackOutputs> ReadAsync(
        IPulumiCommand pulumi, string stackName, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulumi);
        ArgumentException.ThrowIfNullOrWhiteSpace(stackName);
        var result = await pulumi.RunAsync(["stack", "output", "--json", "--stack", stackName], workingDirectory, cancellationToken);
        if (result.ExitCode != 0)
        {
            var detail = string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput : result.StandardError;
            throw new AwsConfigurationException(
                $"'pulumi stack output --json --stack {stackName}' failed (exit code {result.ExitCode}) in {workingDirectory}: {detail.Trim()}");
        }

        return Parse(result.StandardOutput, stackName);
    }

    /// <summary>Reads the JSON object of a stack's outputs; every output named above must be a non-empty string.</summary>
    /// <exception cref="AwsConfigurationException">The JSON is not an object, or outputs are missing or not strings.</exception>
    public static PulumiStackOutputs Parse(string json, string stackName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new AwsConfigurationException($"The outputs of Pulumi stack '{stackName}' are not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new AwsConfigurationException($"The outputs of Pulumi stack '{stackName}' are not a JSON object.");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in Required)
            {
                if (document.RootElement.TryGetProperty(name, out var value)
                    && value.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(value.GetString()))
                {
                    values[name] = value.GetString()!;
                }
            }

            var missing = Required.Where(n => !values.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                throw new AwsConfigurationException(
                    $"Pulumi stack '{stackName}' has no string output {string.Join(", ", missing)}; " +
                    $"expected {string.Join(", ", Required)}. Is it deployed ('pulumi up --stack {stackName}') from this repository's program?");
            }

            return new PulumiStackOutputs(values[StreamOutput], values[TableOutput], values[BucketOutput], values[BusOutput], values[RegionOutput])
            {
                FunctionNames = Names(document.RootElement, FunctionNamesOutput),
                ScheduledFunctionNames = Names(document.RootElement, ScheduledFunctionNamesOutput),
                AlertTopicArn = document.RootElement.TryGetProperty(AlertTopicArnOutput, out var topic) && topic.ValueKind == JsonValueKind.String
                    ? topic.GetString()
                    : null,
            };
        }
    }

    // An object of string values; anything else in it is ignored, and a missing output is no functions.
    private static IReadOnlyDictionary<string, string> Names(JsonElement root, string output)
    {
        if (!root.TryGetProperty(output, out var names) || names.ValueKind != JsonValueKind.Object)
        {
            return NoFunctions;
        }

        var functions = names.EnumerateObject()
            .Where(f => f.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(f => f.Name, f => f.Value.GetString()!, StringComparer.Ordinal);
        return functions.Count == 0 ? NoFunctions : functions;
    }
}
