import * as pulumi from "@pulumi/pulumi";
import { functionCode } from "../functionCode";
import { AwsContext } from "../policy";
import { Settings } from "../settings";
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
 * Every function listed under `functions` in config/pipeline.json, each a stream consumer of its own.
 * The alerter is one entry there (handler, grants ["table", "state", "events"], its mapping settings).
 */
export class Processing extends pulumi.ComponentResource {
    readonly functions: Record<string, StreamFunction> = {};

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

        for (const [key, spec] of Object.entries(s.pipeline.functions)) {
            this.functions[key] = new StreamFunction(`${name}-${key}`, {
                functionName: `${s.namePrefix}-${key}`,
                spec,
                code,
                architecture: s.architecture,
                logRetentionDays: s.logRetentionDays,
                environment,
                streamArn: args.streamArn,
                keyArn: args.keyArn,
                tableArn: args.tableArn,
                busArn: args.busArn,
                context: args.context,
            }, { parent: this });
        }
        this.registerOutputs({});
    }
}
