import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { prefixed, readPipelineFile } from "../pipelineFile";
import { durationSeconds, loadSettings } from "../settings";
import { setStackConfig } from "./harness";

function withConfig(values: Record<string, string>): pulumi.Config {
    setStackConfig(values);
    return new pulumi.Config("telemetry");
}

test("loadSettings: an unknown stream mode fails with the allowed values", () => {
    assert.throws(() => loadSettings(withConfig({ streamMode: "SOMETIMES" })), /telemetry:streamMode is 'SOMETIMES'; use one of PROVISIONED, ON_DEMAND/);
});

test("loadSettings: an unparseable TTL fails before anything deploys", () => {
    assert.throws(() => loadSettings(withConfig({ minuteRollupTtl: "a month" })), /minuteRollupTtl/);
});

test("loadSettings: a minute TTL shorter than the allowed lateness fails before anything deploys", () => {
    assert.throws(() => loadSettings(withConfig({ minuteRollupTtl: "12h", allowedLateness: "1d" })), /minuteRollupTtl \(12h\) must be at least telemetry:allowedLateness \(1d\)/);
});

test("loadSettings: a minute TTL equal to the lateness fails, lateness counts from the hour window", () => {
    assert.throws(() => loadSettings(withConfig({ minuteRollupTtl: "24h", allowedLateness: "24h" })), /plus 59m/);
    assert.equal(loadSettings(withConfig({ minuteRollupTtl: "1.00:59:00", allowedLateness: "24h" })).minuteRollupTtl, "1.00:59:00");
});

test("loadSettings: TTL off is allowed whatever the lateness", () => {
    assert.equal(loadSettings(withConfig({ minuteRollupTtl: "off", allowedLateness: "2d" })).minuteRollupTtl, "off");
});

test("loadSettings: the lateness must be a duration, not 0/off (the aggregator would fail every invocation)", () => {
    for (const lateness of ["off", "0"]) {
        assert.throws(() => loadSettings(withConfig({ allowedLateness: lateness })), /allowedLateness/, lateness);
    }
    assert.equal(loadSettings(withConfig({ allowedLateness: "0s" })).allowedLateness, "0s");
    assert.equal(loadSettings(withConfig({ allowedLateness: "02:30:00", minuteRollupTtl: "1d" })).allowedLateness, "02:30:00");
});

test("loadSettings: clock forms .NET's TimeSpan rejects (hours over 23, minutes or seconds over 59) fail", () => {
    for (const [key, value] of [
        ["allowedLateness", "99:00:00"], ["allowedLateness", "24:00:00"], ["allowedLateness", "1.24:00:00"],
        ["minuteRollupTtl", "00:60:00"], ["minuteRollupTtl", "30.00:00:60"], ["rejectedTtl", "25:00:00"],
    ]) {
        assert.throws(() => loadSettings(withConfig({ [key]: value })), new RegExp(key), `${key}=${value}`);
    }
    assert.equal(loadSettings(withConfig({ rejectedTtl: "23:59:59" })).rejectedTtl, "23:59:59");
    assert.equal(loadSettings(withConfig({ minuteRollupTtl: "1.23:59:59" })).minuteRollupTtl, "1.23:59:59");
});

test("loadSettings: a TTL over the aggregator's 3650 days fails, 0/off keeps items forever", () => {
    assert.throws(() => loadSettings(withConfig({ minuteRollupTtl: "3651d" })), /minuteRollupTtl \(3651d\) is longer than the aggregator's maximum TTL of 3650 days/);
    assert.throws(() => loadSettings(withConfig({ rejectedTtl: "3650.00:00:01" })), /rejectedTtl \(3650\.00:00:01\) is longer than the aggregator's maximum TTL of 3650 days/);
    assert.throws(() => loadSettings(withConfig({ rejectedTtl: "87601h" })), /rejectedTtl/);
    assert.equal(loadSettings(withConfig({ minuteRollupTtl: "3650d", rejectedTtl: "3650.00:00:00" })).minuteRollupTtl, "3650d");
    assert.equal(loadSettings(withConfig({ rejectedTtl: "off" })).rejectedTtl, "off");
    assert.equal(loadSettings(withConfig({ rejectedTtl: "0" })).rejectedTtl, "0");
});

test("loadSettings: a zero TTL disables it as in the aggregator, whatever the lateness", () => {
    assert.equal(loadSettings(withConfig({ minuteRollupTtl: "0s", allowedLateness: "2d" })).minuteRollupTtl, "0s");
    assert.equal(loadSettings(withConfig({ minuteRollupTtl: "00:00:00", allowedLateness: "2d" })).minuteRollupTtl, "00:00:00");
});

test("loadSettings: a value beyond the shared syntax's 36500 days or a bare number fails, naming the key", () => {
    assert.throws(() => loadSettings(withConfig({ allowedLateness: "36501d" })), /telemetry:allowedLateness: '36501d' is not a non-negative duration/);
    assert.throws(() => loadSettings(withConfig({ rejectedTtl: "1e300d" })), /telemetry:rejectedTtl: '1e300d' is not a duration/);
    assert.throws(() => loadSettings(withConfig({ allowedLateness: "5" })), /telemetry:allowedLateness/);
    assert.throws(() => loadSettings(withConfig({ rejectedTtl: "-1d" })), /rejectedTtl \(-1d\) is negative/);
    assert.equal(loadSettings(withConfig({ allowedLateness: "1000000s", minuteRollupTtl: "off" })).allowedLateness, "1000000s");
});

test("durationSeconds: units and clock forms agree", () => {
    assert.deepEqual(["90m", "1.5h", "1d", "1.00:00:00", "01:30:00", "5400000ms", "off", "0"].map(durationSeconds), [5400, 5400, 86400, 86400, 5400, 5400, null, null]);
});

test("loadSettings: defaults when nothing is configured", () => {
    const s = loadSettings(withConfig({}));
    assert.deepEqual([s.namePrefix, s.streamMode, s.shardCount, s.architecture, s.minuteRollupTtl, s.deletionProtection], ["telemetry", "PROVISIONED", 2, "arm64", "30d", false]);
});

test("readPipelineFile: a function entry without a mapping is rejected with its path", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-infra-"));
    try {
        const file = path.join(dir, "pipeline.json");
        fs.writeFileSync(file, JSON.stringify({ shardCount: 1, functions: { alerter: { handler: "A::B::C" } }, archive: readPipelineFile().archive }));
        assert.throws(() => readPipelineFile(file), /functions\.alerter\.eventSourceMapping must be an object/);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

test("loadSettings: an iterator-age alarm at or past the stream retention fails (it would fire after the records are gone)", () => {
    assert.throws(() => loadSettings(withConfig({ iteratorAgeAlarmMs: "86400000" })), /iteratorAgeAlarmMs \(86400000\) must be less than the stream retention \(24 h/);
    assert.equal(loadSettings(withConfig({ iteratorAgeAlarmMs: "86400000", retentionHours: "48" })).alarms.iteratorAgeMs, 86_400_000);
});

test("readPipelineFile: retry and record-age values CreateEventSourceMapping refuses fail with their path", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-infra-"));
    try {
        const file = path.join(dir, "pipeline.json");
        const valid = readPipelineFile();
        const write = (mapping: Record<string, number | boolean>) => {
            const aggregator = { ...valid.functions.aggregator, eventSourceMapping: { ...valid.functions.aggregator.eventSourceMapping, ...mapping } };
            fs.writeFileSync(file, JSON.stringify({ ...valid, functions: { aggregator } }));
        };
        for (const [key, value] of [["MaximumRetryAttempts", -2], ["MaximumRetryAttempts", 10_001], ["MaximumRecordAgeInSeconds", 0],
            ["MaximumRecordAgeInSeconds", 59], ["MaximumRecordAgeInSeconds", 604_801]] as const) {
            write({ [key]: value });
            assert.throws(() => readPipelineFile(file), new RegExp(`functions\\.aggregator\\.eventSourceMapping\\.${key} must be -1`), `${key}=${value}`);
        }
        write({ MaximumRetryAttempts: 10_000, MaximumRecordAgeInSeconds: 60 });
        assert.deepEqual(readPipelineFile(file).functions.aggregator.eventSourceMapping.MaximumRecordAgeInSeconds, 60);
        for (const value of [-1, 901]) {
            write({ TumblingWindowInSeconds: value });
            assert.throws(() => readPipelineFile(file), /functions\.aggregator\.eventSourceMapping\.TumblingWindowInSeconds must be 0/, `TumblingWindowInSeconds=${value}`);
        }
        write({ TumblingWindowInSeconds: 60, BisectBatchOnFunctionError: true });
        assert.throws(() => readPipelineFile(file), /BisectBatchOnFunctionError must be false with TumblingWindowInSeconds/);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

function withAlerts(alerts: unknown, check: (file: string) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-infra-"));
    try {
        const file = path.join(dir, "pipeline.json");
        fs.writeFileSync(file, JSON.stringify({ ...readPipelineFile(), alerts }));
        check(file);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

test("readPipelineFile: the alerts section gives the shared pattern (every alert event type) and the queue settings", () => {
    const alerts = readPipelineFile().alerts;
    assert.deepEqual(alerts.eventPattern, { source: ["telemetry.alerter"], "detail-type": ["AlertRaised", "AlertCleared", "DeviceSilent", "DeviceResumed"] });
    assert.equal(alerts.queue.name, "telemetry-alerts");
});

test("readPipelineFile: an alert pattern EventBridge would refuse, or one without a source, fails with its path", () => {
    const queue = readPipelineFile().alerts.queue;
    for (const [pattern, message] of [
        [undefined, /alerts\.eventPattern must be an object/],
        [{}, /alerts\.eventPattern must not be empty/],
        [{ source: "telemetry.alerter" }, /alerts\.eventPattern\.source must be an object/],
        [{ source: [] }, /alerts\.eventPattern\.source must not be an empty array/],
        [{ "detail-type": ["AlertRaised"] }, /alerts\.eventPattern\.source must be a non-empty array/],
        [{ source: ["telemetry.alerter"], detail: { severity: [] } }, /alerts\.eventPattern\.detail\.severity must not be an empty array/],
    ] as const) {
        withAlerts({ eventPattern: pattern, queue }, file => assert.throws(() => readPipelineFile(file), message, JSON.stringify(pattern)));
    }
});

test("readPipelineFile: an alert queue name without the default prefix, or settings SQS refuses, fail with their path", () => {
    const { eventPattern, queue } = readPipelineFile().alerts;
    for (const [change, message] of [
        [{ name: "alerts" }, /alerts\.queue\.name must be 'telemetry-'/],
        [{ name: "telemetry-a.b" }, /alerts\.queue\.name/],
        [{ maxReceiveCount: 0 }, /alerts\.queue\.maxReceiveCount must be 1 to 1000/],
        [{ messageRetentionSeconds: 1_209_601 }, /alerts\.queue\.messageRetentionSeconds must be 60 to 1209600/],
        [{ deadLetterRetentionSeconds: 59 }, /alerts\.queue\.deadLetterRetentionSeconds/],
    ] as const) {
        withAlerts({ eventPattern, queue: { ...queue, ...change } }, file => assert.throws(() => readPipelineFile(file), message, JSON.stringify(change)));
    }
});

test("loadSettings: a name prefix renames the alert queue as it renames every other resource", () => {
    assert.equal(prefixed(loadSettings(withConfig({ namePrefix: "dev" })).pipeline.alerts.queue.name, "dev"), "dev-alerts");
});

function withSchedules(schedules: unknown, check: (file: string) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-infra-"));
    try {
        const file = path.join(dir, "pipeline.json");
        fs.writeFileSync(file, JSON.stringify({ ...readPipelineFile(), schedules }));
        check(file);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

test("readPipelineFile: the schedules section gives the watchdog's handler, memory, timeout, grants and period", () => {
    assert.deepEqual(readPipelineFile().schedules.watchdog, {
        handler: "Telemetry.Functions::Telemetry.Functions.WatchdogFunction::Handle",
        memoryMb: 256, timeoutSeconds: 50, grants: ["table", "state", "events"], everySeconds: 60,
    });
});

test("readPipelineFile: a file without schedules deploys no scheduled function", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-infra-"));
    try {
        const file = path.join(dir, "pipeline.json");
        const { schedules: _, ...rest } = readPipelineFile();
        fs.writeFileSync(file, JSON.stringify(rest));
        assert.deepEqual(readPipelineFile(file).schedules, {});
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

test("readPipelineFile: a schedule entry EventBridge or Lambda would refuse, or that would overlap its next run, fails with its path", () => {
    const watchdog = readPipelineFile().schedules.watchdog;
    for (const [change, message] of [
        [{ grants: ["table", "stream"] }, /schedules\.watchdog\.grants: 'stream' is not one of table, state, events/],
        [{ handler: "" }, /schedules\.watchdog\.handler must be a non-empty string/],
        [{ handler: undefined }, /schedules\.watchdog\.handler must be a non-empty string/],
        [{ memoryMb: 64 }, /schedules\.watchdog\.memoryMb must be 128 to 10240; it is 64/],
        [{ memoryMb: 10_241 }, /schedules\.watchdog\.memoryMb must be 128 to 10240/],
        [{ timeoutSeconds: 0 }, /schedules\.watchdog\.timeoutSeconds must be 1 to 900; it is 0/],
        [{ everySeconds: undefined }, /schedules\.watchdog\.everySeconds must be an integer/],
        [{ everySeconds: 30 }, /schedules\.watchdog\.everySeconds must be a whole number of minutes in seconds, at least 60 .*; it is 30/],
        [{ everySeconds: 90 }, /schedules\.watchdog\.everySeconds must be a whole number of minutes/],
        [{ everySeconds: 60.5 }, /schedules\.watchdog\.everySeconds must be an integer/],
        [{ timeoutSeconds: 60, everySeconds: 60 }, /schedules\.watchdog\.timeoutSeconds \(60\) must be less than everySeconds \(60\)/],
        [{ timeoutSeconds: undefined }, /schedules\.watchdog\.timeoutSeconds \(60\) must be less than everySeconds \(60\)/],
    ] as const) {
        withSchedules({ watchdog: { ...watchdog, ...change } }, file => assert.throws(() => readPipelineFile(file), message, JSON.stringify(change)));
    }
    withSchedules({ watchdog: { ...watchdog, timeoutSeconds: 119, everySeconds: 120 } }, file =>
        assert.deepEqual([readPipelineFile(file).schedules.watchdog.timeoutSeconds, readPipelineFile(file).schedules.watchdog.everySeconds], [119, 120]));
});

test("readPipelineFile: a schedule named like a stream function fails (both would deploy as <prefix>-<name>)", () => {
    const watchdog = readPipelineFile().schedules.watchdog;
    withSchedules({ alerter: watchdog }, file => assert.throws(() => readPipelineFile(file), /schedules\.alerter: 'alerter' is also under functions/));
    withSchedules([watchdog], file => assert.throws(() => readPipelineFile(file), /schedules must be an object/));
});

test("readPipelineFile: stream functions get the same memory and timeout bounds as scheduled ones", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-infra-"));
    try {
        const file = path.join(dir, "pipeline.json");
        const valid = readPipelineFile();
        fs.writeFileSync(file, JSON.stringify({ ...valid, functions: { aggregator: { ...valid.functions.aggregator, timeoutSeconds: 901 } } }));
        assert.throws(() => readPipelineFile(file), /functions\.aggregator\.timeoutSeconds must be 1 to 900; it is 901/);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
