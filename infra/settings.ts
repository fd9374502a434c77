import * as pulumi from "@pulumi/pulumi";
import { PipelineFile, readPipelineFile } from "./pipelineFile";

export type StreamMode = "PROVISIONED" | "ON_DEMAND";
export type Architecture = "arm64" | "x86_64";

export interface AlarmThresholds {
    iteratorAgeMs: number;
    errors: number;
    throttles: number;
    failureQueueDepth: number;
    dataFreshnessSeconds: number;
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
    alertEmail?: string;
    opsEmail?: string;
    alarms: AlarmThresholds;
    pipeline: PipelineFile;
}

// The aggregator's own duration syntax (30d, 12h, 90m, 45s, d.hh:mm:ss, 0/off); checked here so a typo fails the preview, not the function.
const duration = /^(\d+(\.\d+)?[smhd]|\d+\.\d{2}:\d{2}:\d{2}|\d{2}:\d{2}:\d{2}|0|off)$/;

/** Seconds in a duration accepted by `duration`; null for `0`/`off` (no TTL). */
export function durationSeconds(text: string): number | null {
    if (text === "0" || text === "off") {
        return null;
    }
    const unit = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text);
    if (unit) {
        return Number(unit[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[unit[2] as "s" | "m" | "h" | "d"];
    }
    const clock = /^(?:(\d+)\.)?(\d{2}):(\d{2}):(\d{2})$/.exec(text);
    if (clock) {
        return Number(clock[1] ?? 0) * 86400 + Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4]);
    }
    throw new Error(`'${text}' is not a duration (30d, 12h, 90m, 45s, 1.00:00:00, 0/off).`);
}

export function loadSettings(config: pulumi.Config = new pulumi.Config("telemetry"), pipeline: PipelineFile = readPipelineFile()): Settings {
    const settings = readSettings(config, pipeline);
    // The aggregator refuses to start with a minute TTL shorter than the lateness it accepts (a late reading
    // would recreate an expired window with part of its data); refusing here fails the preview instead.
    const ttl = durationSeconds(settings.minuteRollupTtl);
    const lateness = durationSeconds(settings.allowedLateness) ?? 0;
    if (ttl !== null && ttl < lateness) {
        throw new Error(`telemetry:minuteRollupTtl (${settings.minuteRollupTtl}) must be at least telemetry:allowedLateness (${settings.allowedLateness}).`);
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
        minuteRollupTtl: config.get("minuteRollupTtl", { pattern: duration }) ?? "30d",
        rejectedTtl: config.get("rejectedTtl", { pattern: duration }) ?? "14d",
        allowedLateness: config.get("allowedLateness", { pattern: duration }) ?? "24h",
        deletionProtection: config.getBoolean("deletionProtection") ?? false,
        archiveTransitionDays: config.getNumber("archiveTransitionDays", { min: 0 }) ?? 30,
        archiveStorageClass: oneOf(config, "archiveStorageClass", ["STANDARD_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const, "GLACIER_IR"),
        archiveExpirationDays: config.getNumber("archiveExpirationDays", { min: 0 }) ?? 0,
        alertEmail: config.get("alertEmail"),
        opsEmail: config.get("opsEmail"),
        alarms: {
            iteratorAgeMs: config.getNumber("iteratorAgeAlarmMs", { min: 1 }) ?? 60_000,
            errors: config.getNumber("errorsAlarmThreshold", { min: 1 }) ?? 1,
            throttles: config.getNumber("throttlesAlarmThreshold", { min: 1 }) ?? 1,
            failureQueueDepth: config.getNumber("failureQueueAlarmDepth", { min: 1 }) ?? 1,
            dataFreshnessSeconds: config.getNumber("dataFreshnessAlarmSeconds", { min: 60 }) ?? 900,
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
