import assert from "node:assert/strict";
import { before, test } from "node:test";
import { readPipelineFile } from "../pipelineFile";
import { account, Program, region, runProgram, statementsOf } from "./harness";

let program: Program;
before(async () => { program = await runProgram(); });

const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
const queueArn = arn("sqs", "telemetry-alerts");
const dlqArn = arn("sqs", "telemetry-alerts-dlq");
const topicArn = arn("sns", "telemetry-alerts");
const queue = () => program.one("aws:sqs/queue:Queue", "alerting-queue-queue").inputs;
const dlq = () => program.one("aws:sqs/queue:Queue", "alerting-queue-dlq").inputs;

test("alert queue keeps config/pipeline.json's name and retention and hands a message to its dead-letter queue after maxReceiveCount receives", () => {
    const spec = readPipelineFile().alerts.queue;
    assert.equal(queue().name, "telemetry-alerts");
    assert.equal(queue().messageRetentionSeconds, spec.messageRetentionSeconds);
    assert.deepEqual(JSON.parse(queue().redrivePolicy), { deadLetterTargetArn: dlqArn, maxReceiveCount: spec.maxReceiveCount });
    assert.equal(dlq().name, "telemetry-alerts-dlq");
    assert.equal(dlq().messageRetentionSeconds, spec.deadLetterRetentionSeconds);
});

test("dead-letter queue accepts redrives from the alert queue only", () => {
    const allow = program.one("aws:sqs/redriveAllowPolicy:RedriveAllowPolicy", "alerting-queue-dlq-sources").inputs;
    assert.deepEqual(JSON.parse(allow.redriveAllowPolicy), { redrivePermission: "byQueue", sourceQueueArns: [queueArn] });
});

test("alert queue and its dead-letter queue are encrypted with the pipeline key", () => {
    const keyArn = arn("kms", "key/encryption-key-id");
    assert.equal(queue().kmsMasterKeyId, keyArn);
    assert.equal(dlq().kmsMasterKeyId, keyArn);
});

test("topic delivers raw (the EventBridge event as the body) to the alert queue, and what it cannot deliver to the dead-letter queue", () => {
    const subscriptions = program.ofType("aws:sns/topicSubscription:TopicSubscription").filter(s => s.inputs.protocol === "sqs");
    const subscription = subscriptions.length === 1 ? subscriptions[0].inputs : assert.fail(`expected one SQS subscription, found ${subscriptions.length}`);
    assert.equal(subscription.topic, topicArn);
    assert.equal(subscription.endpoint, queueArn);
    assert.equal(subscription.rawMessageDelivery, true);
    assert.deepEqual(JSON.parse(subscription.redrivePolicy), { deadLetterTargetArn: dlqArn });
});

test("queue policies let only the alert topic send, through SNS, to each queue", () => {
    for (const [name, target] of [["alerting-queue-queue-policy", queueArn], ["alerting-queue-dlq-policy", dlqArn]]) {
        const statements = statementsOf(program.one("aws:sqs/queuePolicy:QueuePolicy", name).inputs.policy);
        assert.deepEqual(statements, [{
            Sid: "AlertTopicSends",
            Effect: "Allow",
            Principal: { Service: "sns.amazonaws.com" },
            Action: ["sqs:SendMessage"],
            Resource: target,
            Condition: { ArnEquals: { "aws:SourceArn": topicArn } },
        }], name);
    }
});

test("an alert event reaching the dead-letter queue alarms the ops topic", () => {
    const a = program.one("aws:cloudwatch/metricAlarm:MetricAlarm", "telemetry-alerts-dead-letters").inputs;
    assert.deepEqual([a.namespace, a.metricName, a.statistic, a.comparisonOperator, a.threshold, a.dimensions],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", "GreaterThanOrEqualToThreshold", 1, { QueueName: "telemetry-alerts-dlq" }]);
    assert.deepEqual(a.alarmActions, [arn("sns", "telemetry-ops")]);
});

test("stack outputs give consumers the alert queue's URL and ARN", () => {
    assert.equal(program.outputs.alertQueueUrl, `https://sqs.${region}.amazonaws.com/${account}/telemetry-alerts`);
    assert.equal(program.outputs.alertQueueArn, queueArn);
});
