using Amazon.DynamoDBv2;
using Telemetry.Aws.EventBridge;
using Telemetry.Local.Stack;
using Telemetry.Processing.Alerts;
using Telemetry.Storage;
using Telemetry.Storage.Alerts;

namespace Telemetry.Cli.Commands;

/// <summary>The alerter's own processing path and stores, for the commands that apply records as it does (replay).</summary>
internal static class AlerterProcessor
{
    /// <summary>The settings and rules, read before any record: a bad variable or rules file fails first.</summary>
    public static (AlerterSettings Settings, AlertRuleSet Rules) Load(string table, string bus)
    {
        var settings = RepositoryAlerterSettings.For(table, bus);
        return (settings, settings.LoadRules());
    }

    /// <summary>
    /// With <paramref name="time"/> as the time of processing; last-seen times are left to the live alerter (a replay
    /// of old records would bring back devices forgotten since).
    /// </summary>
    public static AlertBatchProcessor Create(
        IAmazonDynamoDB dynamo, IEventBridgeClient events, (AlerterSettings Settings, AlertRuleSet Rules) alerter, TimeProvider time, TextWriter log) =>
        AlertProcessing.Create(dynamo, events, alerter.Settings, alerter.Rules, time, log, recordsLastSeen: false);
}
