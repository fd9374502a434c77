import * as fs from "fs";
import * as path from "path";

// config/pipeline.json is shared with the local stack (tools/Telemetry.Local), so the mapping keeps the
// Lambda API's own property names and both sides read it verbatim.
export interface EventSourceMappingSettings {
    BatchSize: number;
    MaximumBatchingWindowInSeconds: number;
    BisectBatchOnFunctionError: boolean;
    MaximumRetryAttempts: number;
    MaximumRecordAgeInSeconds: number;
    FunctionResponseTypes: string[];
    StartingPosition: string;
}

/** What a function may touch beyond the stream, its log group and its on-failure queue. */
export type Grant = "table" | "events";

export interface FunctionSpec {
    handler: string;
    memoryMb: number;
    timeoutSeconds: number;
    grants: Grant[];
    eventSourceMapping: EventSourceMappingSettings;
}

export interface ArchiveSpec {
    bufferingSizeMb: number;
    bufferingIntervalSeconds: number;
    prefix: string;
    errorOutputPrefix: string;
}

export interface PipelineFile {
    shardCount: number;
    functions: Record<string, FunctionSpec>;
    archive: ArchiveSpec;
}

/** The repository root: the first folder above this file holding Pulumi.yaml (works from infra/ and from the compiled bin/). */
export function repoRoot(start: string = __dirname): string {
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml")) && fs.existsSync(path.join(dir, "config", "pipeline.json"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`No Pulumi.yaml with config/pipeline.json above ${start}.`);
        }
    }
}

export function readPipelineFile(file: string = path.join(repoRoot(), "config", "pipeline.json")): PipelineFile {
    const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    const functions = object(raw.functions, `${file}: functions`);
    const parsed: PipelineFile = {
        shardCount: integer(raw.shardCount, `${file}: shardCount`),
        functions: {},
        archive: readArchive(object(raw.archive, `${file}: archive`), `${file}: archive`),
    };
    for (const [name, value] of Object.entries(functions)) {
        parsed.functions[name] = readFunction(object(value, `${file}: functions.${name}`), `${file}: functions.${name}`);
    }
    return parsed;
}

function readFunction(f: Record<string, unknown>, where: string): FunctionSpec {
    const m = object(f.eventSourceMapping, `${where}.eventSourceMapping`);
    const grants = stringArray(f.grants ?? [], `${where}.grants`);
    for (const g of grants) {
        if (g !== "table" && g !== "events") {
            throw new Error(`${where}.grants: '${g}' is not one of table, events.`);
        }
    }
    return {
        handler: string(f.handler, `${where}.handler`),
        memoryMb: integer(f.memoryMb ?? 512, `${where}.memoryMb`),
        timeoutSeconds: integer(f.timeoutSeconds ?? 60, `${where}.timeoutSeconds`),
        grants: grants as Grant[],
        eventSourceMapping: {
            BatchSize: integer(m.BatchSize, `${where}.eventSourceMapping.BatchSize`),
            MaximumBatchingWindowInSeconds: integer(m.MaximumBatchingWindowInSeconds, `${where}.eventSourceMapping.MaximumBatchingWindowInSeconds`),
            BisectBatchOnFunctionError: boolean(m.BisectBatchOnFunctionError, `${where}.eventSourceMapping.BisectBatchOnFunctionError`),
            MaximumRetryAttempts: retryAttempts(m.MaximumRetryAttempts, `${where}.eventSourceMapping.MaximumRetryAttempts`),
            MaximumRecordAgeInSeconds: recordAge(m.MaximumRecordAgeInSeconds, `${where}.eventSourceMapping.MaximumRecordAgeInSeconds`),
            FunctionResponseTypes: stringArray(m.FunctionResponseTypes, `${where}.eventSourceMapping.FunctionResponseTypes`),
            StartingPosition: string(m.StartingPosition, `${where}.eventSourceMapping.StartingPosition`),
        },
    };
}

function readArchive(a: Record<string, unknown>, where: string): ArchiveSpec {
    return {
        bufferingSizeMb: integer(a.bufferingSizeMb, `${where}.bufferingSizeMb`),
        bufferingIntervalSeconds: integer(a.bufferingIntervalSeconds, `${where}.bufferingIntervalSeconds`),
        prefix: string(a.prefix, `${where}.prefix`),
        errorOutputPrefix: string(a.errorOutputPrefix, `${where}.errorOutputPrefix`),
    };
}

function object(v: unknown, where: string): Record<string, unknown> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
        throw new Error(`${where} must be an object.`);
    }
    return v as Record<string, unknown>;
}

function integer(v: unknown, where: string): number {
    if (typeof v !== "number" || !Number.isInteger(v)) {
        throw new Error(`${where} must be an integer.`);
    }
    return v;
}

// The bounds CreateEventSourceMapping accepts for a Kinesis source, checked here so that a bad file fails the preview
// (and the local stack, which reads the same file with the same bounds) rather than the deployment half-way.
function retryAttempts(v: unknown, where: string): number {
    const n = integer(v, where);
    if (n < -1 || n > 10_000) {
        throw new Error(`${where} must be -1 (retry until the records expire or succeed) or 0 to 10000; it is ${n}.`);
    }
    return n;
}

function recordAge(v: unknown, where: string): number {
    const n = integer(v, where);
    if (n !== -1 && (n < 60 || n > 604_800)) {
        throw new Error(`${where} must be -1 (no limit) or 60 to 604800 seconds; it is ${n}.`);
    }
    return n;
}

function boolean(v: unknown, where: string): boolean {
    if (typeof v !== "boolean") {
        throw new Error(`${where} must be true or false.`);
    }
    return v;
}

function string(v: unknown, where: string): string {
    if (typeof v !== "string" || v.length === 0) {
        throw new Error(`${where} must be a non-empty string.`);
    }
    return v;
}

function stringArray(v: unknown, where: string): string[] {
    if (!Array.isArray(v) || v.some(x => typeof x !== "string")) {
        throw new Error(`${where} must be an array of strings.`);
    }
    return v as string[];
}
