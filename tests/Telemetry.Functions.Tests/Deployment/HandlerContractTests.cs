using System.Text.Json;
using Telemetry.Local.Emulators;

namespace Telemetry.Functions.Tests.Deployment;

// The Pulumi program deploys the handler strings of config/pipeline.json; a typo there only shows on AWS
// at the first invocation, so it is caught here against the published output.
public class HandlerContractTests(PublishedFunctions published) : IClassFixture<PublishedFunctions>
{
    private static IReadOnlyList<(string Function, string Handler)> ConfiguredHandlers()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(LocalToolsFolder.RepoRoot, "config", "pipeline.json")));
        var sections = new[] { "functions", "schedules" }.Where(section => config.RootElement.TryGetProperty(section, out _));
        return [.. sections.SelectMany(section => config.RootElement.GetProperty(section).EnumerateObject()
            .Select(f => ($"{section}.{f.Name}", f.Value.GetProperty("handler").GetString() ?? string.Empty)))];
    }

    [Fact]
    public void PipelineHandlers_PublishedAssembly_EveryOneNamesAStreamHandler()
    {
        var handlers = ConfiguredHandlers();

        var problems = handlers
            .Select(h => (h.Function, Problem: HandlerContract.Problem(h.Handler, published.Load)))
            .Where(p => p.Problem is not null)
            .Select(p => $"{p.Function}.handler: {p.Problem}")
            .ToList();

        Assert.NotEmpty(handlers);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("Telemetry.Functions.AggregatorFunction::Handle", "is not of the form Assembly::Namespace.Type::Method")]
    [InlineData("Telemetry.Functions::Telemetry.Functions.AggregatorFunction::", "is not of the form Assembly::Namespace.Type::Method")]
    [InlineData("Telemetry.Function::Telemetry.Functions.AggregatorFunction::Handle", "has no assembly 'Telemetry.Function.dll'")]
    [InlineData("Telemetry.Functions::Telemetry.Functions.AggregatorFunctions::Handle", "has no type 'Telemetry.Functions.AggregatorFunctions'")]
    [InlineData("Telemetry.Functions::Telemetry.Functions.Aggregation.KinesisEventMapping::ToResponse", "is not public")]
    [InlineData("Telemetry.Storage::Telemetry.Storage.TelemetryTable::CreateTableRequest", "is abstract or static")]
    [InlineData("Telemetry.Storage::Telemetry.Storage.Rollups.RollupReader::QueryAsync", "has no public parameterless constructor")]
    [InlineData("Telemetry.Functions::Telemetry.Functions.AggregatorFunction::Handler", "is not a public method")]
    [InlineData("Telemetry.Functions::Telemetry.Functions.AggregatorFunction::GetHashCode", "must take exactly one System.IO.Stream")]
    public void Problem_BogusHandler_NamesTheReason(string handler, string expectedReason)
    {
        var problem = HandlerContract.Problem(handler, published.Load);

        Assert.NotNull(problem);
        Assert.Contains(expectedReason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(OddHandlers.Text), "must return Stream or Task<Stream>, but returns String")]
    [InlineData(nameof(OddHandlers.Overloaded), "is overloaded")]
    [InlineData(nameof(OddHandlers.Synchronous), null)]
    public void Problem_SignaturesNoFunctionHas_AreJudgedToo(string method, string? expectedReason)
    {
        var assembly = typeof(OddHandlers).Assembly;
        var handler = $"{assembly.GetName().Name}::{typeof(OddHandlers).FullName}::{method}";

        var problem = HandlerContract.Problem(handler, name => name == assembly.GetName().Name ? assembly : null);

        if (expectedReason is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expectedReason, problem, StringComparison.Ordinal);
        }
    }

    // Handlers the functions project does not have, to exercise the remaining rules.
    public sealed class OddHandlers
    {
        public string Text(Stream input) => input.ToString() ?? string.Empty;

        public Stream Overloaded(Stream input) => input;

        public Stream Overloaded(Stream input, int copies) => copies > 0 ? input : Stream.Null;

        public Stream Synchronous(Stream input) => input;
    }
}
