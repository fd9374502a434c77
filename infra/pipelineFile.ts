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
    /** 0 (or absent from the file): invoked per batch; 1 to 900: the aggregator's flush interval (docs/flush-interval.md). */
    TumblingWindowInSeconds: number;
}

/** What a function may touch beyond its own log group (and, for a stream function, the stream and its on-failure queue). */
export type Grant = "table" | "state" | "events";

/** What every function of config/pipeline.json has, whatever invokes it. */
export interface LambdaSpec {
    handler: string;
    memoryMb: number;
    timeoutSeconds: number;
    grants: Grant[];
}

/** A stream consumer (`functions`). */
export interface FunctionSpec extends LambdaSpec {
    eventSourceMapping: EventSourceMappingSettings;
}

/** A function run on a timer (`schedules`): locally by the function service, in AWS by an EventBridge schedule rule. */
export interface ScheduleSpec extends LambdaSpec {
    everySeconds: number;
}

/** How Firehose stores the archive: gzip NDJSON as the records arrived, or Parquet converted through the Glue table. */
export type ArchiveFormat = "ndjson" | "parquet";

export const archiveFormats: readonly ArchiveFormat[] = ["ndjson", "parquet"];

/** Firehose's floor for the buffer when it converts records (the local stack checks the same). */
export const minimumConversionBufferingSizeMb = 64;

export interface ArchiveSpec {
    bufferingSizeMb: number;
    bufferingIntervalSeconds: number;
    prefix: string;
    errorOutputPrefix: string;
    format: ArchiveFormat;
}

/** An EventBridge event pattern: every leaf an array of values or matchers, as EventBridge requires. */
export type EventPattern = { [field: string]: unknown[] | EventPattern };

/**
 * The alert fan-out, shared with the local stack so both match the same events and deliver to the same queue.
 * `queue.name` is the name under the default prefix `telemetry` (as the local stack names it); a deployment with
 * another telemetry:namePrefix puts its prefix in place of that leading `telemetry`.
 */
export interface AlertsSpec {
    eventPattern: EventPattern;
    queue: {
        name: string;
        maxReceiveCount: number;
        messageRetentionSeconds: number;
        deadLetterRetentionSeconds: number;
    };
}

export interface PipelineFile {
    shardCount: number;
    functions: Record<string, FunctionSpec>;
    schedules: Record<string, ScheduleSpec>;
    archive: ArchiveSpec;
    alerts: AlertsSpec;
}

/** The default name prefix that names in config/pipeline.json carry. */
export const defaultNamePrefix = "telemetry";

/** A name of config/pipeline.json (`telemetry-…`) with a deployment's prefix in place of the default one. */
export function prefixed(name: string, namePrefix: string): string {
    return namePrefix + name.slice(defaultNamePrefix.length);
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

/**
 * Set by the mock tests to run the program on another pipeline file (the Parquet archive); unset, as for every
 * deployment, the program reads config/pipeline.json, the file the local stack reads too.
 */
export const pipelineFileVariable = "TELEMETRY_PIPELINE_FILE";

function defaultPipelineFile(): string {
    const file = process.env[pipelineFileVariable];
    if (file === undefined || file === "") {
        return path.join(repoRoot(), "config", "pipeline.json");
    }
    if (!fs.existsSync(file)) {
        throw new Error(`${pipelineFileVariable} is '${file}', which does not exist.`);
    }
    return file;
}

export function readPipelineFile(file: string = defaultPipelineFile()): PipelineFile {
    const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    const functions = object(raw.functions, `${file}: functions`);
    // Optional, as for the local stack: a file without scheduled functions deploys none.
    const schedules = object(raw.schedules ?? {}, `${file}: schedules`);
    const parsed: Omit<PipelineFile, "alerts"> = {
        shardCount: integer(raw.shardCount, `${file}: shardCount`),
        functions: {},
        schedules: {},
        archive: readArchive(object(raw.archive, `${file}: archive`), `${file}: archive`),
    };
    for (const [name, value] of Object.entries(functions)) {
        parsed.functions[name] = readFunction(object(value, `${file}: functions.${name}`), `${file}: functions.${name}`);
    }
    for (const [name, value] of Object.entries(schedules)) {
        // Both deploy as `<prefix>-<name>`, with alarms named after the key: one name cannot serve two functions.
        if (Object.hasOwn(functions, name)) {
            throw new Error(`${file}: schedules.${name}: '${name}' is also under functions; a function name must be unique across both sections.`);
        }
        parsed.schedules[name] = readSchedule(object(value, `${file}: schedules.${name}`), `${file}: schedules.${name}`);
    }
    return { ...parsed, alerts: readAlerts(object(raw.alerts, `${file}: alerts`), `${file}: alerts`) };
}

// The bounds CreateFunction accepts, checked here so that a bad file fails the preview, not the deployment half-way.
function readLambda(f: Record<string, unknown>, where: string): LambdaSpec {
    const grants = stringArray(f.grants ?? [], `${where}.grants`);
    for (const g of grants) {
        if (g !== "table" && g !== "state" && g !== "events") {
            throw new Error(`${where}.grants: '${g}' is not one of table, state, events.`);
        }
    }
    return {
        handler: string(f.handler, `${where}.handler`),
        memoryMb: bounded(f.memoryMb ?? 512, 128, 10_240, `${where}.memoryMb`),
        timeoutSeconds: bounded(f.timeoutSeconds ?? 60, 1, 900, `${where}.timeoutSeconds`),
        grants: grants as Grant[],
    };
}

function readSchedule(f: Record<string, unknown>, where: string): ScheduleSpec {
    const lambda = readLambda(f, where);
    const everySeconds = integer(f.everySeconds, `${where}.everySeconds`);
    // rate() counts whole minutes; anything finer would be rounded by us, not run as written.
    if (everySeconds < 60 || everySeconds % 60 !== 0) {
        throw new Error(`${where}.everySeconds must be a whole number of minutes in seconds, at least 60 (an EventBridge rate() counts minutes); it is ${everySeconds}.`);
    }
    // A run still going when the next starts would overlap it on every slow run.
    if (lambda.timeoutSeconds >= everySeconds) {
        throw new Error(`${where}.timeoutSeconds (${lambda.timeoutSeconds}) must be less than everySeconds (${everySeconds}): a run must end before the next one starts.`);
    }
    return { ...lambda, everySeconds };
}

function readFunction(f: Record<string, unknown>, where: string): FunctionSpec {
    const m = object(f.eventSourceMapping, `${where}.eventSourceMapping`);
    return {
        ...readLambda(f, where),
        eventSourceMapping: checkTumbling({
            BatchSize: integer(m.BatchSize, `${where}.eventSourceMapping.BatchSize`),
            MaximumBatchingWindowInSeconds: integer(m.MaximumBatchingWindowInSeconds, `${where}.eventSourceMapping.MaximumBatchingWindowInSeconds`),
            BisectBatchOnFunctionError: boolean(m.BisectBatchOnFunctionError, `${where}.eventSourceMapping.BisectBatchOnFunctionError`),
            MaximumRetryAttempts: retryAttempts(m.MaximumRetryAttempts, `${where}.eventSourceMapping.MaximumRetryAttempts`),
            MaximumRecordAgeInSeconds: recordAge(m.MaximumRecordAgeInSeconds, `${where}.eventSourceMapping.MaximumRecordAgeInSeconds`),
            FunctionResponseTypes: stringArray(m.FunctionResponseTypes, `${where}.eventSourceMapping.FunctionResponseTypes`),
            StartingPosition: string(m.StartingPosition, `${where}.eventSourceMapping.StartingPosition`),
            TumblingWindowInSeconds: tumblingWindow(m.TumblingWindowInSeconds, `${where}.eventSourceMapping.TumblingWindowInSeconds`),
        }, where),
    };
}

// The bounds CreateDeliveryStream accepts, as the local delivery stream checks them (ArchiveSettings.Validate).
function readArchive(a: Record<string, unknown>, where: string): ArchiveSpec {
    // Optional, as for the local stack: a file without a format archives gzip NDJSON.
    const format = string(a.format ?? "ndjson", `${where}.format`);
    if (!(archiveFormats as readonly string[]).includes(format)) {
        throw new Error(`${where}.format: '${format}' is not one of ${archiveFormats.join(", ")}.`);
    }
    const bufferingSizeMb = bounded(a.bufferingSizeMb, 1, 128, `${where}.bufferingSizeMb`);
    if (format !== "ndjson" && bufferingSizeMb < minimumConversionBufferingSizeMb) {
        throw new Error(`${where}.bufferingSizeMb must be at least ${minimumConversionBufferingSizeMb} with format '${format}': Firehose refuses a smaller buffer when it converts records; it is ${bufferingSizeMb}.`);
    }
    return {
        bufferingSizeMb,
        bufferingIntervalSeconds: bounded(a.bufferingIntervalSeconds, 0, 900, `${where}.bufferingIntervalSeconds`),
        prefix: string(a.prefix, `${where}.prefix`),
        errorOutputPrefix: string(a.errorOutputPrefix, `${where}.errorOutputPrefix`),
        format: format as ArchiveFormat,
    };
}

function readAlerts(a: Record<string, unknown>, where: string): AlertsSpec {
    const pattern = eventPattern(a.eventPattern, `${where}.eventPattern`);
    // Without a source the rule would forward whatever else is published on the bus to the alert queue.
    if (!Array.isArray(pattern.source) || pattern.source.length === 0) {
        throw new Error(`${where}.eventPattern.source must be a non-empty array: the queue takes the alerter's events only.`);
    }
    const q = object(a.queue, `${where}.queue`);
    const name = string(q.name, `${where}.queue.name`);
    if (!new RegExp(`^${defaultNamePrefix}-[A-Za-z0-9_-]{1,40}$`).test(name)) {
        throw new Error(`${where}.queue.name must be '${defaultNamePrefix}-' and 1 to 40 letters, digits, '-' or '_' (the deployment replaces '${defaultNamePrefix}' with its prefix); it is '${name}'.`);
    }
    return {
        eventPattern: pattern,
        queue: {
            name,
            maxReceiveCount: bounded(q.maxReceiveCount, 1, 1000, `${where}.queue.maxReceiveCount`),
            messageRetentionSeconds: bounded(q.messageRetentionSeconds, 60, 1_209_600, `${where}.queue.messageRetentionSeconds`),
            deadLetterRetentionSeconds: bounded(q.deadLetterRetentionSeconds, 60, 1_209_600, `${where}.queue.deadLetterRetentionSeconds`),
        },
    };
}

// PutRule refuses a pattern whose leaves are not arrays, or an empty one; checked here so a bad file fails the preview.
function eventPattern(v: unknown, where: string): EventPattern {
    const o = object(v, where);
    if (Object.keys(o).length === 0) {
        throw new Error(`${where} must not be empty: it would match nothing.`);
    }
    for (const [field, value] of Object.entries(o)) {
        if (Array.isArray(value)) {
            if (value.length === 0) {
                throw new Error(`${where}.${field} must not be an empty array: it would match nothing.`);
            }
        } else {
            eventPattern(value, `${where}.${field}`);
        }
    }
    return o as EventPattern;
}

function bounded(v: unknown, min: number, max: number, where: string): number {
    const n = integer(v, where);
    if (n < min || n > max) {
        throw new Error(`${where} must be ${min} to ${max}; it is ${n}.`);
    }
    return n;
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

// A window's invocations carry state: splitting a failed batch would leave Lambda to decide which half owns it, which
// it does not document. The aggregator never fails part of a batch; a failed flush is retried whole.
function checkTumbling(m: EventSourceMappingSettings, where: string): EventSourceMappingSettings {
    if (m.TumblingWindowInSeconds > 0 && m.BisectBatchOnFunctionError) {
        throw new Error(`${where}.eventSourceMapping: BisectBatchOnFunctionError must be false with TumblingWindowInSeconds.`);
    }
    return m;
}

function tumblingWindow(v: unknown, where: string): number {
    if (v === undefined) {
        return 0;
    }
    const n = integer(v, where);
    if (n < 0 || n > 900) {
        throw new Error(`${where} must be 0 (no window) to 900 seconds; it is ${n}.`);
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
