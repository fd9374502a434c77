using System.Text.Json;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Stack;

/// <summary>
/// Extra subscribers of the local alert fan-out: queues added to the alert rule as targets of their own. In AWS a
/// subscriber's queue subscribes to the topic; moto does not deliver the rule to the topic, so locally the nearest
/// faithful wiring is the rule itself, as for <c>telemetry-alerts</c> (docs/local-vs-aws-alerts.md).
/// </summary>
public sealed class LocalAlertTargets(Uri motoEndpoint, LocalAlertWiring wiring)
{
    /// <summary>Adds <paramref name="queueArn"/> as target <paramref name="targetId"/> of the alert rule.</summary>
    public async Task AttachAsync(string targetId, string queueArn, CancellationToken cancellationToken)
    {
        using var moto = new MotoControl(motoEndpoint);
        var answer = await moto.EventsAsync(
            "PutTargets",
            new { Rule = wiring.RuleName, EventBusName = wiring.BusName, Targets = new[] { new { Id = targetId, Arn = queueArn } } },
            cancellationToken);
        using (answer)
        {
            if (answer is not null && answer.RootElement.TryGetProperty("FailedEntryCount", out var failed) && failed.GetInt32() > 0)
            {
                throw new InvalidOperationException($"moto refused target {targetId} of rule {wiring.RuleName}: {answer.RootElement.GetRawText()}");
            }
        }
    }

    public async Task DetachAsync(string targetId, CancellationToken cancellationToken)
    {
        using var moto = new MotoControl(motoEndpoint);
        (await moto.EventsAsync("RemoveTargets", new { Rule = wiring.RuleName, EventBusName = wiring.BusName, Ids = new[] { targetId } }, cancellationToken))?.Dispose();
    }

    /// <summary>The ids of the rule's targets that deliver to <paramref name="queueArn"/>.</summary>
    public async Task<IReadOnlyList<string>> TargetsOfAsync(string queueArn, CancellationToken cancellationToken)
    {
        using var moto = new MotoControl(motoEndpoint);
        using var answer = await moto.EventsAsync("ListTargetsByRule", new { Rule = wiring.RuleName, EventBusName = wiring.BusName }, cancellationToken);
        if (answer is null || !answer.RootElement.TryGetProperty("Targets", out var targets) || targets.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. targets.EnumerateArray()
            .Where(t => t.TryGetProperty("Arn", out var arn) && arn.GetString() == queueArn)
            .Select(t => t.GetProperty("Id").GetString() ?? string.Empty)
            .Where(id => id.Length > 0)];
    }
}
