import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { pipelineFileVariable, readPipelineFile } from "../pipelineFile";
import { loadSettings } from "../settings";
import { setStackConfig } from "./harness";

/** Writes config/pipeline.json with `archive` changed by `change` (an undefined value drops the key), then reads it back. */
function readWithArchive(change: Record<string, unknown>): ReturnType<typeof readPipelineFile> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-infra-"));
    try {
        const file = path.join(dir, "pipeline.json");
        const valid = readPipelineFile();
        fs.writeFileSync(file, JSON.stringify({ ...valid, archive: { ...valid.archive, ...change } }));
        return readPipelineFile(file);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

test("readPipelineFile: the archive format is ndjson in config/pipeline.json, and ndjson when a file has none", () => {
    assert.equal(readPipelineFile().archive.format, "ndjson");
    assert.equal(readWithArchive({ format: undefined }).archive.format, "ndjson");
});

test("readPipelineFile: an unknown archive format fails with the known ones", () => {
    for (const format of ["csv", "Parquet", "", 3]) {
        assert.throws(() => readWithArchive({ format }), /archive\.format/, String(format));
    }
    assert.throws(() => readWithArchive({ format: "orc" }), /archive\.format: 'orc' is not one of ndjson, parquet\./);
});

test("readPipelineFile: parquet needs a buffer of at least 64 MB, as Firehose requires when it converts records", () => {
    assert.throws(() => readWithArchive({ format: "parquet", bufferingSizeMb: 63 }),
        /archive\.bufferingSizeMb must be at least 64 with format 'parquet': Firehose refuses a smaller buffer when it converts records; it is 63\./);
    const parquet = readWithArchive({ format: "parquet", bufferingSizeMb: 64 }).archive;
    assert.deepEqual([parquet.format, parquet.bufferingSizeMb], ["parquet", 64]);
    assert.equal(readWithArchive({ format: "ndjson", bufferingSizeMb: 1 }).archive.bufferingSizeMb, 1);
});

test("readPipelineFile: buffering Firehose refuses fails with its path", () => {
    assert.throws(() => readWithArchive({ bufferingSizeMb: 0 }), /archive\.bufferingSizeMb must be 1 to 128; it is 0\./);
    assert.throws(() => readWithArchive({ format: "parquet", bufferingSizeMb: 129 }), /archive\.bufferingSizeMb must be 1 to 128; it is 129\./);
    assert.throws(() => readWithArchive({ bufferingIntervalSeconds: 901 }), /archive\.bufferingIntervalSeconds must be 0 to 900; it is 901\./);
    assert.equal(readWithArchive({ bufferingIntervalSeconds: 0 }).archive.bufferingIntervalSeconds, 0);
});

/** Runs `check` with TELEMETRY_PIPELINE_FILE set to `file`, then restores it. */
function withPipelineFile(file: string, check: () => void): void {
    const before = process.env[pipelineFileVariable];
    try {
        process.env[pipelineFileVariable] = file;
        check();
    } finally {
        if (before === undefined) {
            delete process.env[pipelineFileVariable];
        } else {
            process.env[pipelineFileVariable] = before;
        }
    }
}

test(`readPipelineFile: ${pipelineFileVariable} names the file the program reads, and fails when it does not exist`, () => {
    withPipelineFile(path.join(os.tmpdir(), "telemetry-infra-no-such-pipeline.json"), () => {
        assert.throws(() => readPipelineFile(), new RegExp(`${pipelineFileVariable} is '.*telemetry-infra-no-such-pipeline\\.json', which does not exist\\.`));
    });
});

test("loadSettings, as the program calls it, fails on parquet with a buffer under 64 MB before anything deploys", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-infra-"));
    try {
        const file = path.join(dir, "pipeline.json");
        const valid = readPipelineFile();
        fs.writeFileSync(file, JSON.stringify({ ...valid, archive: { ...valid.archive, format: "parquet", bufferingSizeMb: 5 } }));
        setStackConfig({});
        withPipelineFile(file, () => assert.throws(() => loadSettings(), /archive\.bufferingSizeMb must be at least 64 with format 'parquet'/));
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
