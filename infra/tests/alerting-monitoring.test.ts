import assert from "node:assert/strict";
import { before, test } from "node:test";
import { readPipelineFile } from "../pipelineFile";
import { account, Program, region, runProgram } from "./harness";

let program: Program;
before(async () => { program = await runProgram(); });

const opsTopic = `arn:aws:sns:${region}:${account}:telemetry-ops`;

function alarm(name: string): Record<string, any> {
    return program.one("aws:cloudwatch/metricAlarm:MetricAlarm", name).inputs;
}

test("alert rule matches config/pipeline.json's pattern, every alert event type, on the pipeline bus and targets the alert topic", () => {
    const rule = program.one("aws:cloudwatch/eventRule:EventRule", "alerting-alert-rule").inputs;
    assert.equal(rule.eventBusName, "telemetry");
    assert.deepEqual(JSON.parse(rule.eventPattern), readPipelineFile().alerts.eventPattern);
    assert.deepEqual(JSON.parse(rule.eventPattern), {
        source: ["telemetry.alerter"], "detail-type": ["AlertRaised", "AlertCleared", "DeviceSilent", "DeviceResumed"],
    });
    const target = program.one("aws:cloudwatch/eventTarget:EventTarget", "alerting-alert-target").inputs;
    assert.equal(target.arn, `arn:aws:sns:${region}:${account}:telemetry-alerts`);
    assert.equal(target.eventBusName, "telemetry");
});

test("audit rule sends every telemetry event to the audit log group", () => {
    const rule = program.one("aws:cloudwatch/eventRule:EventRule", "alerting-audit-rule").inputs;
    assert.deepEqual(JSON.parse(rule.eventPattern), { source: [{ prefix: "telemetry." }] });
    const target = program.one("aws:cloudwatch/eventTarget:EventTarget", "alerting-audit-target").inputs;
    assert.equal(target.arn, `arn:aws:logs:${region}:${account}:log-group:/aws/events/telemetry-audit`);
});

test("no e-mail subscriptions unless configured", () => {
    assert.deepEqual(program.ofType("aws:sns/topicSubscription:TopicSubscription").filter(s => s.inputs.protocol === "email"), []);
});

test("function alarms watch lag, errors, throttles and parked batches with the default thresholds", () => {
    const fn = { FunctionName: "telemetry-aggregator" };
    const summary = (a: Record<string, any>) => [a.namespace, a.metricName, a.statistic, a.comparisonOperator, a.threshold, a.period, a.evaluationPeriods, a.dimensions];
    assert.deepEqual(summary(alarm("telemetry-aggregator-iterator-age")), ["AWS/Lambda", "IteratorAge", "Maximum", "GreaterThanThreshold", 60_000, 60, 2, fn]);
    assert.deepEqual(summary(alarm("telemetry-aggregator-errors")), ["AWS/Lambda", "Errors", "Sum", "GreaterThanOrEqualToThreshold", 1, 300, 1, fn]);
    assert.deepEqual(summary(alarm("telemetry-aggregator-throttles")), ["AWS/Lambda", "Throttles", "Sum", "GreaterThanOrEqualToThreshold", 1, 300, 1, fn]);
    assert.deepEqual(summary(alarm("telemetry-aggregator-failed-batches")),
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", "GreaterThanOrEqualToThreshold", 1, 300, 1, { QueueName: "telemetry-aggregator-failures" }]);
});

test("watchdog errors alarm: a failed scheduled run (silence events not published) reaches the ops topic", () => {
    const a = alarm("telemetry-watchdog-errors");
    assert.deepEqual([a.namespace, a.metricName, a.statistic, a.comparisonOperator, a.threshold, a.period, a.evaluationPeriods, a.dimensions],
        ["AWS/Lambda", "Errors", "Sum", "GreaterThanOrEqualToThreshold", 1, 300, 1, { FunctionName: "telemetry-watchdog" }]);
    assert.deepEqual(a.alarmActions, [opsTopic]);
    assert.deepEqual(a.okActions, [opsTopic]);
    assert.match(a.alarmDescription, /silences are not being reported/);
});

test("a scheduled function gets no stream alarms: it has no iterator, no on-failure queue", () => {
    const names = program.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map(a => a.inputs.name as string).filter(n => n.startsWith("telemetry-watchdog-"));
    assert.deepEqual(names, ["telemetry-watchdog-errors"]);
});

test("iterator-age alarm tells the ops topic that a shard waits out an outage: a minute behind, two minutes running", () => {
    // With unlimited retries nothing reaches the on-failure queue during an outage; this alarm is the signal.
    const a = alarm("telemetry-aggregator-iterator-age");
    assert.deepEqual([a.period, a.evaluationPeriods, a.datapointsToAlarm, a.threshold], [60, 2, 2, 60_000]);
    assert.deepEqual(a.alarmActions, [opsTopic]);
    assert.match(a.alarmDescription, /retried until it succeeds/);
});

test("archive freshness alarm watches Firehose DeliveryToS3.DataFreshness", () => {
    const a = alarm("telemetry-archive-freshness");
    assert.deepEqual([a.namespace, a.metricName, a.statistic, a.threshold, a.dimensions],
        ["AWS/Firehose", "DeliveryToS3.DataFreshness", "Maximum", 900, { DeliveryStreamName: "telemetry-archive" }]);
});

test("every alarm notifies the ops topic on alarm and recovery, and an idle pipeline stays green", () => {
    const alarms = program.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    // Four per stream function (iterator age, errors, throttles, failed batches), errors per scheduled function,
    // archive freshness, alert dead letters, and the aggregator's rejected records and write conflicts.
    const { functions, schedules } = readPipelineFile();
    assert.equal(alarms.length, 4 * Object.keys(functions).length + Object.keys(schedules).length + 2 + 2);
    for (const a of alarms) {
        assert.deepEqual(a.inputs.alarmActions, [opsTopic], a.name);
        assert.deepEqual(a.inputs.okActions, [opsTopic], a.name);
        assert.equal(a.inputs.treatMissingData, "notBreaching", a.name);
    }
});

test("dashboard graphs the stream, the functions, the table, the archive and the failure queues", () => {
    const body = JSON.parse(program.one("aws:cloudwatch/dashboard:Dashboard", "monitoring-dashboard").inputs.dashboardBody);
    const metrics: string[] = body.widgets.flatMap((w: any) => w.properties.metrics.map((m: any[]) => `${m[0]} ${m[1]} ${m[3]}`));
    for (const expected of [
        "AWS/Kinesis IncomingRecords telemetry",
        "AWS/Kinesis GetRecords.IteratorAgeMilliseconds telemetry",
        "AWS/Lambda IteratorAge telemetry-aggregator",
        "AWS/Lambda Errors telemetry-aggregator",
        "AWS/Lambda Errors telemetry-watchdog",
        "AWS/Lambda Duration telemetry-watchdog",
        "AWS/DynamoDB ConsumedWriteCapacityUnits telemetry-rollups",
        "AWS/Firehose DeliveryToS3.DataFreshness telemetry-archive",
        "AWS/SQS ApproximateNumberOfMessagesVisible telemetry-aggregator-failures",
        "Telemetry ReadingsAccepted telemetry-aggregator",
        "Telemetry RecordsRejected telemetry-aggregator",
        "Telemetry WindowsWritten telemetry-aggregator",
        "Telemetry WriteConflictsRetried telemetry-aggregator",
        "Telemetry AlertsRaised telemetry-alerter",
        "Telemetry AlertsCleared telemetry-watchdog",
        "Telemetry BatchAge telemetry-alerter",
    ]) {
        assert.ok(metrics.includes(expected), `missing ${expected}`);
    }
    assert.ok(body.widgets.every((w: any) => w.properties.region === region));
    const search = body.widgets.flatMap((w: any) => w.properties.metrics).find((m: any[]) => typeof m[0] === "object")[0];
    assert.equal(search.expression, `SEARCH('{Telemetry,Function,Reason} MetricName="RecordsRejected" Function="telemetry-aggregator"', 'Sum', 300)`);
});

test("the aggregator's own metrics alarm on rejected records and lost write races, with the default thresholds", () => {
    const summary = (a: Record<string, any>) => [a.namespace, a.metricName, a.statistic, a.comparisonOperator, a.threshold, a.period, a.dimensions];
    const own = { Function: "telemetry-aggregator" };
    assert.deepEqual(summary(alarm("telemetry-aggregator-rejected-records")), ["Telemetry", "RecordsRejected", "Sum", "GreaterThanOrEqualToThreshold", 100, 300, own]);
    assert.deepEqual(summary(alarm("telemetry-aggregator-write-conflicts")), ["Telemetry", "WriteConflictsRetried", "Sum", "GreaterThanOrEqualToThreshold", 100, 300, own]);
    assert.deepEqual(alarm("telemetry-aggregator-rejected-records").alarmActions, [opsTopic]);
});
