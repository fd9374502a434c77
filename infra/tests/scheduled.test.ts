import assert from "node:assert/strict";
import { before, test } from "node:test";
import { rateExpression } from "../components/scheduledFunction";
import { readPipelineFile } from "../pipelineFile";
import { account, Program, region, runProgram } from "./harness";

let program: Program;
before(async () => { program = await runProgram(); });

const pipeline = readPipelineFile();

// The tests' placeholder package (TELEMETRY_SKIP_FUNCTION_BUILD): its files and their text.
async function archiveText(archive: any): Promise<Record<string, string>> {
    const assets: Record<string, any> = await archive.assets;
    return Object.fromEntries(await Promise.all(Object.entries(assets).map(async ([name, asset]) => [name, await asset.text])));
}

test("config/pipeline.json schedules the silence watchdog every minute", () => {
    assert.equal(pipeline.schedules.watchdog.everySeconds, 60);
});

for (const [key, spec] of Object.entries(pipeline.schedules)) {
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

    test(`${key}: same code package and environment as the stream functions`, async () => {
        const f = program.one("aws:lambda/function:Function", `processing-${key}-function`).inputs;
        const aggregator = program.one("aws:lambda/function:Function", "processing-aggregator-function").inputs;
        assert.deepEqual(f.environment.variables, {
            TELEMETRY_TABLE: "telemetry-rollups",
            TELEMETRY_MINUTE_ROLLUP_TTL: "30d",
            TELEMETRY_REJECTED_TTL: "14d",
            TELEMETRY_ALLOWED_LATENESS: "24h",
            TELEMETRY_EVENT_BUS: "telemetry",
        });
        assert.deepEqual(f.environment, aggregator.environment);
        assert.deepEqual(await archiveText(f.code), await archiveText(aggregator.code), "one package serves every handler");
    });

    test(`${key}: a schedule rule on the default bus invokes it every ${spec.everySeconds} s`, () => {
        const rule = program.one("aws:cloudwatch/eventRule:EventRule", `processing-${key}-schedule`).inputs;
        assert.equal(rule.name, `telemetry-${key}-schedule`);
        assert.equal(rule.scheduleExpression, rateExpression(spec.everySeconds));
        assert.equal(rule.eventBusName, undefined, "schedule expressions run on the default bus only");
        assert.equal(rule.eventPattern, undefined);
        const target = program.one("aws:cloudwatch/eventTarget:EventTarget", `processing-${key}-target`).inputs;
        assert.equal(target.rule, `telemetry-${key}-schedule`);
        assert.equal(target.arn, `arn:aws:lambda:${region}:${account}:function:telemetry-${key}`);
        assert.equal(target.eventBusName, undefined);
    });

    test(`${key}: a failed run is left to the next scheduled run, not retried by Lambda`, () => {
        const config = program.one("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", `processing-${key}-invoke-config`).inputs;
        assert.equal(config.functionName, `telemetry-${key}`);
        assert.equal(config.maximumRetryAttempts, 0);
    });

    test(`${key}: only its own schedule rule may invoke it`, () => {
        const p = program.one("aws:lambda/permission:Permission", `processing-${key}-invoke`).inputs;
        assert.deepEqual([p.action, p.function, p.principal], ["lambda:InvokeFunction", `telemetry-${key}`, "events.amazonaws.com"]);
        assert.equal(p.sourceArn, `arn:aws:events:${region}:${account}:rule/telemetry-${key}-schedule`);
    });

    test(`${key}: no stream mapping, no on-failure queue, its own log group`, () => {
        assert.deepEqual(program.ofType("aws:lambda/eventSourceMapping:EventSourceMapping").filter(m => m.name.includes(key)), []);
        assert.deepEqual(program.ofType("aws:sqs/queue:Queue").filter(q => q.name.includes(key)), []);
        const logs = program.one("aws:cloudwatch/logGroup:LogGroup", `processing-${key}-logs`).inputs;
        assert.deepEqual([logs.name, logs.retentionInDays], [`/aws/lambda/telemetry-${key}`, 14]);
    });
}

test("watchdog: rule expression rate(1 minute)", () => {
    assert.equal(program.one("aws:cloudwatch/eventRule:EventRule", "processing-watchdog-schedule").inputs.scheduleExpression, "rate(1 minute)");
});

test("rateExpression: EventBridge's singular for one minute, plural beyond", () => {
    assert.deepEqual([60, 120, 3600].map(rateExpression), ["rate(1 minute)", "rate(2 minutes)", "rate(60 minutes)"]);
});

test("only the schedule rules are on the default bus; every other rule is on the pipeline bus", () => {
    const rules = program.ofType("aws:cloudwatch/eventRule:EventRule");
    assert.deepEqual(rules.filter(r => r.inputs.eventBusName === undefined).map(r => r.name).sort(),
        Object.keys(pipeline.schedules).map(k => `processing-${k}-schedule`).sort());
});
