import * as pulumi from "@pulumi/pulumi";
import { functionCode } from "../functionCode";
import { AwsContext } from "../policy";
import { Settings } from "../settings";
import { ScheduledFunction } from "./scheduledFunction";
import { StreamFunction } from "./streamFunction";

export interface ProcessingArgs {
    settings: Settings;
    streamArn: pulumi.Input<string>;
    keyArn: pulumi.Input<string>;
    tableArn: pulumi.Input<string>;
    tableName: pulumi.Input<string>;
    busArn: pulumi.Input<string>;
    busName: pulumi.Input<string>;
    context: AwsContext;
}

/**
 * Every function listed under `functions` in config/pipeline.json, each a stream consumer of its own, and every one
 * under `schedules`, each run on a timer. The alerter is one entry of the first (handler, grants ["table", "state",
 * "events"], its mapping settings), the silence watchdog one of the second.
 */
export class Processing extends pulumi.ComponentResource {
    readonly functions: Record<string, StreamFunction> = {};
    readonly scheduled: Record<string, ScheduledFunction> = {};

    constructor(name: string, args: ProcessingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:Processing", name, {}, opts);
        const s = args.settings;
        // All handlers live in one assembly, so one package serves every function.
        const code = functionCode(s.architecture);
        // Only what the functions read (processors/Telemetry.Storage/AggregatorSettings.cs, AlerterSettings.cs);
        // a function that needs the bucket adds its variable together with the code that reads it.
        const environment = {
            TELEMETRY_TABLE: args.tableName,
            TELEMETRY_MINUTE_ROLLUP_TTL: s.minuteRollupTtl,
            TELEMETRY_REJECTED_TTL: s.rejectedTtl,
            TELEMETRY_ALLOWED_LATENESS: s.allowedLateness,
            TELEMETRY_EVENT_BUS: args.busName,
        };

        const shared = (key: string) => ({
            functionName: `${s.namePrefix}-${key}`,
            code,
            architecture: s.architecture,
            logRetentionDays: s.logRetentionDays,
            environment,
            tableArn: args.tableArn,
            busArn: args.busArn,
        });

        for (const [key, spec] of Object.entries(s.pipeline.functions)) {
            this.functions[key] = new StreamFunction(`${name}-${key}`, {
                ...shared(key),
                spec,
                streamArn: args.streamArn,
                keyArn: args.keyArn,
                context: args.context,
            }, { parent: this });
        }
        for (const [key, spec] of Object.entries(s.pipeline.schedules)) {
            this.scheduled[key] = new ScheduledFunction(`${name}-${key}`, { ...shared(key), spec }, { parent: this });
        }
        this.registerOutputs({});
    }
}
