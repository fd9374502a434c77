import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { readPipelineFile } from "../pipelineFile";
import { durationSeconds, loadSettings } from "../settings";

function withConfig(values: Record<string, string>): pulumi.Config {
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(values).map(([k, v]) => [`telemetry:${k}`, v])));
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

test("loadSettings: TTL off is allowed whatever the lateness", () => {
    assert.equal(loadSettings(withConfig({ minuteRollupTtl: "off", allowedLateness: "2d" })).minuteRollupTtl, "off");
});

test("durationSeconds: units and clock forms agree", () => {
    assert.deepEqual(["90m", "1.5h", "1d", "1.00:00:00", "01:30:00", "off"].map(durationSeconds), [5400, 5400, 86400, 86400, 5400, null]);
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
