import * as pulumi from "@pulumi/pulumi";
import { durationExamples, parseDuration, trimBlanks } from "./durations";
import { PipelineFile, readPipelineFile } from "./pipelineFile";

export type StreamMode = "PROVISIONED" | "ON_DEMAND";
export type Architecture = "arm64" | "x86_64";

export interface AlarmThresholds {
    iteratorAgeMs: number;
    errors: number;
    throttles: number;
    failureQueueDepth: number;
    dataFreshnessSeconds: number;
    alertDeadLetters: number;
    rejectedRecords: number;
    writeConflicts: number;
}

/** Everything the program reads: `telemetry:*` stack config (defaults below, documented in infra/README.md) and config/pipeline.json. */
export interface Settings {
    namePrefix: string;
    streamMode: StreamMode;
    shardCount: number;
    retentionHours: number;
    architecture: Architecture;
    logRetentionDays: number;
    minuteRollupTtl: string;
    rejectedTtl: string;
    allowedLateness: string;
    deletionProtection: boolean;
    archiveTransitionDays: number;
    archiveStorageClass: string;
    archiveExpirationDays: number;
    archiveFirstYear: number;
    alertEmail?: string;
    opsEmail?: string;
    alarms: AlarmThresholds;
    pipeline: PipelineFile;
}

// An hour window (where lateness is measured from) ends at most 59 minutes after one of its minute windows.
const minuteWindowLeadSeconds = 59 * 60;

// AggregatorSettings.MaxTtl: a longer TTL makes the aggregator refuse to start.
const maxTtlDays = 3650;

/**
 * Seconds in a TTL or lateness setting (the shared syntax of durations.ts); null for the TTL words `0`/`off`
 * (kept forever). Throws for anything else.
 */
export function durationSeconds(text: string): number | null {
    if (/^(0|off)$/i.test(trimBlanks(text))) {
        return null;
    }
    const seconds = parseDuration(text);
    if (seconds === null) {
        throw new Error(`'${text}' is not a duration (${durationExamples}, at most 36500d; a bare number is refused), nor 0/off.`);
    }
    return seconds;
}

/** Seconds of a TTL setting, null when it disables the TTL (`0`, `off` or a zero duration, as the aggregator reads it); fails above the aggregator's maximum. */
function ttlSeconds(key: string, text: string): number | null {
    const seconds = settingSeconds(key, text);
    if (seconds !== null && seconds < 0) {
        throw new Error(`telemetry:${key} (${text}) is negative.`);
    }
    if (seconds !== null && seconds > maxTtlDays * 86400) {
        throw new Error(`telemetry:${key} (${text}) is longer than the aggregator's maximum TTL of ${maxTtlDays} days; use 0/off to keep items forever.`);
    }
    return seconds === 0 ? null : seconds;
}

// The lateness is a duration only: the aggregator does not read 0/off there.
function latenessSeconds(key: string, text: string): number {
    const seconds = parseDuration(text);
    if (seconds === null || seconds < 0) {
        throw new Error(`telemetry:${key}: '${text}' is not a non-negative duration (${durationExamples}; 0s for none).`);
    }
    return seconds;
}

function settingSeconds(key: string, text: string): number | null {
    try {
        return durationSeconds(text);
    } catch (error) {
        throw new Error(`telemetry:${key}: ${(error as Error).message}`);
    }
}

export function loadSettings(config: pulumi.Config = new pulumi.Config("telemetry"), pipeline: PipelineFile = readPipelineFile()): Settings {
    const settings = readSettings(config, pipeline);
    // The aggregator refuses to start with a minute TTL shorter than the lateness it accepts, counted from the end
    // of the hour window, up to 59 minutes after a minute window ends (a late reading would recreate an expired
    // window with part of its data); refusing here fails the preview instead.
    const ttl = ttlSeconds("minuteRollupTtl", settings.minuteRollupTtl);
    ttlSeconds("rejectedTtl", settings.rejectedTtl);
    const lateness = latenessSeconds("allowedLateness", settings.allowedLateness);
    if (ttl !== null && ttl < lateness + minuteWindowLeadSeconds) {
        throw new Error(`telemetry:minuteRollupTtl (${settings.minuteRollupTtl}) must be at least telemetry:allowedLateness (${settings.allowedLateness}) plus 59m.`);
    }
    // The mappings retry a failing batch until it succeeds; the iterator-age alarm is what tells an operator a shard
    // waits. Firing only once records are older than the stream keeps them would be firing after they are gone.
    const retentionMs = settings.retentionHours * 3_600_000;
    if (settings.alarms.iteratorAgeMs >= retentionMs) {
        throw new Error(`telemetry:iteratorAgeAlarmMs (${settings.alarms.iteratorAgeMs}) must be less than the stream retention (${settings.retentionHours} h = ${retentionMs} ms).`);
    }
    return settings;
}

function readSettings(config: pulumi.Config, pipeline: PipelineFile): Settings {
    const streamMode = oneOf(config, "streamMode", ["PROVISIONED", "ON_DEMAND"] as const, "PROVISIONED");
    return {
        namePrefix: config.get("namePrefix", { pattern: /^[a-z][a-z0-9-]{1,30}$/ }) ?? "telemetry",
        streamMode,
        shardCount: config.getNumber("shardCount", { min: 1, max: 500 }) ?? pipeline.shardCount,
        retentionHours: config.getNumber("retentionHours", { min: 24, max: 8760 }) ?? 24,
        architecture: oneOf(config, "architecture", ["arm64", "x86_64"] as const, "arm64"),
        logRetentionDays: config.getNumber("logRetentionDays", { min: 1 }) ?? 14,
        minuteRollupTtl: config.get("minuteRollupTtl") ?? "30d",
        rejectedTtl: config.get("rejectedTtl") ?? "14d",
        allowedLateness: config.get("allowedLateness") ?? "24h",
        deletionProtection: config.getBoolean("deletionProtection") ?? false,
        archiveTransitionDays: config.getNumber("archiveTransitionDays", { min: 0 }) ?? 30,
        archiveStorageClass: oneOf(config, "archiveStorageClass", ["STANDARD_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const, "GLACIER_IR"),
        archiveExpirationDays: config.getNumber("archiveExpirationDays", { min: 0 }) ?? 0,
        // A constant rather than the clock: the program gives the same table whenever it runs.
        archiveFirstYear: config.getNumber("archiveFirstYear", { min: 2000, max: 9999 }) ?? 2026,
        alertEmail: config.get("alertEmail"),
        opsEmail: config.get("opsEmail"),
        alarms: {
            iteratorAgeMs: config.getNumber("iteratorAgeAlarmMs", { min: 1 }) ?? 60_000,
            errors: config.getNumber("errorsAlarmThreshold", { min: 1 }) ?? 1,
            throttles: config.getNumber("throttlesAlarmThreshold", { min: 1 }) ?? 1,
            failureQueueDepth: config.getNumber("failureQueueAlarmDepth", { min: 1 }) ?? 1,
            dataFreshnessSeconds: config.getNumber("dataFreshnessAlarmSeconds", { min: 60 }) ?? 900,
            alertDeadLetters: config.getNumber("alertDeadLetterAlarmDepth", { min: 1 }) ?? 1,
            rejectedRecords: config.getNumber("rejectedRecordsAlarmThreshold", { min: 1 }) ?? 100,
            writeConflicts: config.getNumber("writeConflictsAlarmThreshold", { min: 1 }) ?? 100,
        },
        pipeline,
    };
}

function oneOf<T extends string>(config: pulumi.Config, key: string, allowed: readonly T[], fallback: T): T {
    const value = config.get(key) ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) {
        throw new Error(`telemetry:${key} is '${value}'; use one of ${allowed.join(", ")}.`);
    }
    return value as T;
}
