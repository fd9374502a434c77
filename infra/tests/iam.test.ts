import assert from "node:assert/strict";
import { before, test } from "node:test";
import { account, Program, region, runProgram, statementsOf } from "./harness";

let program: Program;
before(async () => { program = await runProgram(); });

const keyArn = `arn:aws:kms:${region}:${account}:key/encryption-key-id`;
const streamArn = `arn:aws:kinesis:${region}:${account}:stream/telemetry`;
const bucketArn = "arn:aws:s3:::telemetry-archive-mock1234";

function statements(policyName: string): Record<string, { Action: string[]; Resource: unknown; Condition?: unknown }> {
    const policy = program.one("aws:iam/rolePolicy:RolePolicy", policyName).inputs.policy;
    return Object.fromEntries(statementsOf(policy).map(s => [s.Sid, { Action: s.Action, Resource: s.Resource, Condition: s.Condition }]));
}

test("aggregator role: read the stream, write rollups, park failed batches, write its own logs", () => {
    assert.deepEqual(statements("processing-aggregator-policy"), {
        ReadStream: {
            Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
            Resource: streamArn, Condition: undefined,
        },
        UsePipelineKeyForStreamAndQueue: {
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: keyArn,
            Condition: { StringEquals: { "kms:ViaService": [`kinesis.${region}.amazonaws.com`, `sqs.${region}.amazonaws.com`] } },
        },
        SendFailedBatches: { Action: ["sqs:SendMessage"], Resource: `arn:aws:sqs:${region}:${account}:telemetry-aggregator-failures`, Condition: undefined },
        WriteOwnLogs: {
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/telemetry-aggregator:log-stream:*`, Condition: undefined,
        },
        ReadWriteRollups: {
            Action: ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:Query"],
            Resource: `arn:aws:dynamodb:${region}:${account}:table/telemetry-rollups`, Condition: undefined,
        },
    });
});

test("aggregator role may not publish events (its config entry does not grant them)", () => {
    assert.equal(statements("processing-aggregator-policy").PublishEvents, undefined);
});

test("alerter role: as the aggregator, plus the alert state's queries and whole-item writes, and publishing to the pipeline bus only", () => {
    const alerter = statements("processing-alerter-policy");
    assert.deepEqual(alerter.ReadWriteState, {
        Action: ["dynamodb:Query", "dynamodb:PutItem"], Resource: `arn:aws:dynamodb:${region}:${account}:table/telemetry-rollups`, Condition: undefined,
    });
    assert.deepEqual(alerter.PublishEvents, { Action: ["events:PutEvents"], Resource: `arn:aws:events:${region}:${account}:event-bus/telemetry`, Condition: undefined });
    assert.deepEqual(alerter.SendFailedBatches.Resource, `arn:aws:sqs:${region}:${account}:telemetry-alerter-failures`);
    assert.deepEqual(Object.keys(alerter).sort(), ["PublishEvents", "ReadStream", "ReadWriteRollups", "ReadWriteState", "SendFailedBatches", "UsePipelineKeyForStreamAndQueue", "WriteOwnLogs"]);
});

test("aggregator role may not put whole items (only the alerter's grant does)", () => {
    assert.equal(statements("processing-aggregator-policy").ReadWriteState, undefined);
});

test("watchdog role: the table's rollups and alert state, publishing to the pipeline bus only, its own logs; no stream, queue or key", () => {
    const table = `arn:aws:dynamodb:${region}:${account}:table/telemetry-rollups`;
    assert.deepEqual(statements("processing-watchdog-policy"), {
        WriteOwnLogs: {
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/telemetry-watchdog:log-stream:*`, Condition: undefined,
        },
        ReadWriteRollups: {
            Action: ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:Query"], Resource: table, Condition: undefined,
        },
        ReadWriteState: { Action: ["dynamodb:Query", "dynamodb:PutItem"], Resource: table, Condition: undefined },
        PublishEvents: { Action: ["events:PutEvents"], Resource: `arn:aws:events:${region}:${account}:event-bus/telemetry`, Condition: undefined },
    });
});

test("firehose role: read the stream, write the archive, use the key through Kinesis and S3 only, log delivery errors", () => {
    assert.deepEqual(statements("archive-firehose-policy"), {
        ReadSourceStream: {
            Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"],
            Resource: streamArn, Condition: undefined,
        },
        WriteArchive: {
            Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
            Resource: [bucketArn, `${bucketArn}/*`], Condition: undefined,
        },
        UsePipelineKeyForStreamAndArchive: {
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: keyArn,
            Condition: { StringEquals: { "kms:ViaService": [`kinesis.${region}.amazonaws.com`, `s3.${region}.amazonaws.com`] } },
        },
        WriteDeliveryErrors: {
            Action: ["logs:PutLogEvents"],
            Resource: `arn:aws:logs:${region}:${account}:log-group:/aws/kinesisfirehose/telemetry-archive:log-stream:DestinationDelivery`, Condition: undefined,
        },
    });
});

test("alert topic accepts publishing only from the alert rule", () => {
    const [s] = statementsOf(program.one("aws:sns/topicPolicy:TopicPolicy", "alerting-alerts-policy").inputs.policy);
    assert.deepEqual(s.Principal, { Service: "events.amazonaws.com" });
    assert.deepEqual(s.Action, ["sns:Publish"]);
    assert.equal(s.Resource, `arn:aws:sns:${region}:${account}:telemetry-alerts`);
    assert.deepEqual(s.Condition, { ArnEquals: { "aws:SourceArn": `arn:aws:events:${region}:${account}:rule/telemetry/telemetry-alerts` } });
});

test("ops topic accepts publishing only from this stack's alarms", () => {
    const [s] = statementsOf(program.one("aws:sns/topicPolicy:TopicPolicy", "monitoring-ops-policy").inputs.policy);
    assert.deepEqual(s.Principal, { Service: "cloudwatch.amazonaws.com" });
    assert.deepEqual(s.Action, ["sns:Publish"]);
    assert.equal(s.Resource, `arn:aws:sns:${region}:${account}:telemetry-ops`);
    assert.deepEqual(s.Condition, { ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${region}:${account}:alarm:telemetry-*` } });
});

test("audit log group accepts EventBridge writes to its own streams only", () => {
    const [s] = statementsOf(program.one("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "alerting-audit-log-policy").inputs.policyDocument);
    assert.deepEqual(s.Principal, { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] });
    assert.deepEqual(s.Action, ["logs:CreateLogStream", "logs:PutLogEvents"]);
    assert.equal(s.Resource, `arn:aws:logs:${region}:${account}:log-group:/aws/events/telemetry-audit:log-stream:*`);
});
