import assert from "node:assert/strict";
import { before, test } from "node:test";
import { Program, runProgram } from "./harness";

// One process per test file (node --test), so this file's stack config does not leak into the others.
let program: Program;
before(async () => {
    program = await runProgram({
        streamMode: "ON_DEMAND",
        retentionHours: "48",
        architecture: "x86_64",
        deletionProtection: "true",
        minuteRollupTtl: "7d",
        alertEmail: "alerts@example.com",
        opsEmail: "ops@example.com",
        iteratorAgeAlarmMs: "120000",
        archiveTransitionDays: "90",
        archiveStorageClass: "DEEP_ARCHIVE",
        archiveExpirationDays: "3650",
        archiveFirstYear: "2027",
        logRetentionDays: "30",
    });
});

test("on-demand stream has no shard count", () => {
    const stream = program.one("aws:kinesis/stream:Stream", "ingestion-stream").inputs;
    assert.deepEqual(stream.streamModeDetails, { streamMode: "ON_DEMAND" });
    assert.equal(stream.shardCount, undefined);
    assert.equal(stream.retentionPeriod, 48);
});

test("architecture and TTL come from stack config", () => {
    const f = program.one("aws:lambda/function:Function", "processing-aggregator-function").inputs;
    assert.deepEqual(f.architectures, ["x86_64"]);
    assert.equal(f.environment.variables.TELEMETRY_MINUTE_ROLLUP_TTL, "7d");
});

test("deletion protection guards the table and keeps destroy from emptying the bucket or the Athena workgroup", () => {
    assert.equal(program.one("aws:dynamodb/table:Table", "storage-table").inputs.deletionProtectionEnabled, true);
    assert.equal(program.one("aws:s3/bucket:Bucket", "archive-bucket").inputs.forceDestroy, false);
    assert.equal(program.one("aws:athena/workgroup:Workgroup", "archive-queries-workgroup").inputs.forceDestroy, false);
});

test("e-mail subscriptions go to the alert and ops topics", () => {
    const subscriptions = program.ofType("aws:sns/topicSubscription:TopicSubscription").filter(s => s.inputs.protocol === "email").map(s => [s.inputs.topic, s.inputs.protocol, s.inputs.endpoint]);
    assert.deepEqual(subscriptions.sort(), [
        ["arn:aws:sns:us-east-1:123456789012:telemetry-alerts", "email", "alerts@example.com"],
        ["arn:aws:sns:us-east-1:123456789012:telemetry-ops", "email", "ops@example.com"],
    ]);
});

test("thresholds, lifecycle, the archive's first year and log retention follow stack config", () => {
    assert.equal(program.one("aws:cloudwatch/metricAlarm:MetricAlarm", "telemetry-aggregator-iterator-age").inputs.threshold, 120_000);
    const [rule] = program.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "archive-lifecycle").inputs.rules;
    assert.deepEqual(rule.transitions, [{ days: 90, storageClass: "DEEP_ARCHIVE" }]);
    assert.deepEqual(rule.expiration, { days: 3650 });
    assert.equal(program.one("aws:glue/catalogTable:CatalogTable", "archive-table-readings").inputs.parameters["projection.year.range"], "2027,NOW");
    for (const logs of program.ofType("aws:cloudwatch/logGroup:LogGroup")) {
        assert.equal(logs.inputs.retentionInDays, 30, logs.name);
    }
});
