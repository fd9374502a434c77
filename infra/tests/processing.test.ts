import assert from "node:assert/strict";
import { before, test } from "node:test";
import { readPipelineFile } from "../pipelineFile";
import { account, Program, region, runProgram } from "./harness";

let program: Program;
before(async () => { program = await runProgram(); });

const pipeline = readPipelineFile();

test("the aggregator writes once per tumbling window; the alerter, which must raise alerts at once, is invoked per batch", () => {
    const mapping = (key: string) => program.one("aws:lambda/eventSourceMapping:EventSourceMapping", `processing-${key}-mapping`).inputs;
    assert.equal(mapping("aggregator").tumblingWindowInSeconds, 60);
    assert.equal(mapping("alerter").tumblingWindowInSeconds, undefined);
});

test("deploys exactly the functions listed in config/pipeline.json, stream and scheduled", () => {
    assert.deepEqual(program.ofType("aws:lambda/function:Function").map(f => f.inputs.name).sort(),
        [...Object.keys(pipeline.functions), ...Object.keys(pipeline.schedules)].map(k => `telemetry-${k}`).sort());
    assert.deepEqual(program.outputs.functionNames, Object.fromEntries(Object.keys(pipeline.functions).map(k => [k, `telemetry-${k}`])));
    assert.deepEqual(program.outputs.scheduledFunctionNames, Object.fromEntries(Object.keys(pipeline.schedules).map(k => [k, `telemetry-${k}`])));
});

for (const [key, spec] of Object.entries(pipeline.functions)) {
    test(`${key}: managed dotnet10 runtime on arm64 with the configured handler, memory and timeout`, () => {
        const f = program.one("aws:lambda/function:Function", `processing-${key}-function`).inputs;
        assert.equal(f.runtime, "dotnet10");
        assert.deepEqual(f.architectures, ["arm64"]);
        assert.equal(f.handler, spec.handler);
        assert.equal(f.memorySize, spec.memoryMb);
        assert.equal(f.timeout, spec.timeoutSeconds);
        assert.equal(f.role, `arn:aws:iam::${account}:role/processing-${key}-role`);
        assert.deepEqual(f.loggingConfig, { logFormat: "Text", logGroup: `/aws/lambda/telemetry-${key}` });
    });

    test(`${key}: environment names exactly what the functions read: the table, TTLs, lateness and the bus`, () => {
        assert.deepEqual(program.one("aws:lambda/function:Function", `processing-${key}-function`).inputs.environment.variables, {
            TELEMETRY_TABLE: "telemetry-rollups",
            TELEMETRY_MINUTE_ROLLUP_TTL: "30d",
            TELEMETRY_REJECTED_TTL: "14d",
            TELEMETRY_ALLOWED_LATENESS: "24h",
            TELEMETRY_EVENT_BUS: "telemetry",
        });
    });

    test(`${key}: event source mapping carries exactly the settings of config/pipeline.json`, () => {
        const m = program.one("aws:lambda/eventSourceMapping:EventSourceMapping", `processing-${key}-mapping`).inputs;
        const s = spec.eventSourceMapping;
        assert.deepEqual({
            BatchSize: m.batchSize,
            MaximumBatchingWindowInSeconds: m.maximumBatchingWindowInSeconds,
            BisectBatchOnFunctionError: m.bisectBatchOnFunctionError,
            MaximumRetryAttempts: m.maximumRetryAttempts,
            MaximumRecordAgeInSeconds: m.maximumRecordAgeInSeconds,
            FunctionResponseTypes: m.functionResponseTypes,
            StartingPosition: m.startingPosition,
            TumblingWindowInSeconds: m.tumblingWindowInSeconds ?? 0,
        }, s);
        assert.deepEqual(m.functionResponseTypes, ["ReportBatchItemFailures"]);
        assert.equal(m.eventSourceArn, `arn:aws:kinesis:${region}:${account}:stream/telemetry`);
        assert.equal(m.functionName, `arn:aws:lambda:${region}:${account}:function:telemetry-${key}`);
    });

    test(`${key}: a batch failing on a transient error is retried until it succeeds, split to isolate a bad record unless it carries a window's state`, () => {
        const m = program.one("aws:lambda/eventSourceMapping:EventSourceMapping", `processing-${key}-mapping`).inputs;
        assert.equal(m.maximumRetryAttempts, -1);
        assert.equal(m.maximumRecordAgeInSeconds, -1);
        // A tumbling window's state cannot be split: the aggregator's failed flush is retried whole instead.
        assert.equal(m.bisectBatchOnFunctionError, spec.eventSourceMapping.TumblingWindowInSeconds === 0);
        assert.deepEqual(m.functionResponseTypes, ["ReportBatchItemFailures"]);
    });

    test(`${key}: failed batches go to its own encrypted queue`, () => {
        const m = program.one("aws:lambda/eventSourceMapping:EventSourceMapping", `processing-${key}-mapping`).inputs;
        const queue = program.one("aws:sqs/queue:Queue", `processing-${key}-failures`);
        assert.equal(queue.inputs.name, `telemetry-${key}-failures`);
        assert.deepEqual(m.destinationConfig, { onFailure: { destinationArn: queue.state.arn } });
        assert.equal(queue.inputs.messageRetentionSeconds, 1_209_600);
    });

    test(`${key}: log group /aws/lambda/<name> keeps logs 14 days by default`, () => {
        const logs = program.one("aws:cloudwatch/logGroup:LogGroup", `processing-${key}-logs`).inputs;
        assert.equal(logs.name, `/aws/lambda/telemetry-${key}`);
        assert.equal(logs.retentionInDays, 14);
    });
}

test("stream is provisioned with the shard count of config/pipeline.json and 24 h retention", () => {
    const stream = program.one("aws:kinesis/stream:Stream", "ingestion-stream").inputs;
    assert.equal(stream.name, "telemetry");
    assert.deepEqual(stream.streamModeDetails, { streamMode: "PROVISIONED" });
    assert.equal(stream.shardCount, pipeline.shardCount);
    assert.equal(stream.retentionPeriod, 24);
});

test("stack outputs name what the CLI and the simulator need", () => {
    assert.deepEqual({ ...program.outputs, functionNames: undefined, opsTopicArn: undefined, alertTopicArn: undefined }, {
        alertQueueUrl: `https://sqs.${region}.amazonaws.com/${account}/telemetry-alerts`,
        alertQueueArn: `arn:aws:sqs:${region}:${account}:telemetry-alerts`,
        streamName: "telemetry",
        streamArn: `arn:aws:kinesis:${region}:${account}:stream/telemetry`,
        tableName: "telemetry-rollups",
        bucketName: "telemetry-archive-mock1234",
        busName: "telemetry",
        deliveryStreamName: "telemetry-archive",
        glueDatabaseName: "telemetry_archive",
        glueTableName: "readings",
        athenaWorkgroupName: "telemetry-archive",
        readingsPerDeviceHourQueryId: "archive-queries-readings-per-device-hour-id",
        region,
        scheduledFunctionNames: { watchdog: "telemetry-watchdog" },
        functionNames: undefined, opsTopicArn: undefined, alertTopicArn: undefined,
    });
});

test("every AWS resource sits under a component ({ parent: this }) and every component under the stack", () => {
    const nested = ["telemetry:index:StreamFunction under telemetry:index:Processing", "telemetry:index:ScheduledFunction under telemetry:index:Processing",
        "telemetry:index:AlertQueue under telemetry:index:Alerting", "telemetry:index:ArchiveTable under telemetry:index:Archive",
        "telemetry:index:ArchiveQueries under telemetry:index:Archive"];
    const misplaced = program.resources.filter(r => r.type.startsWith("telemetry:index:")
        ? r.parentType !== "pulumi:pulumi:Stack" && !nested.includes(`${r.type} under ${r.parentType}`)
        : !r.parentType.startsWith("telemetry:index:"));
    assert.deepEqual(misplaced.map(r => `${r.type} ${r.name} under ${r.parentType}`), []);
    assert.ok(program.resources.filter(r => r.type.startsWith("aws:")).length >= 30, "the check above ran on an empty program");
});
