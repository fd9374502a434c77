import * as pulumi from "@pulumi/pulumi";
import { skipBuildVariable } from "../functionCode";
import { pipelineFileVariable } from "../pipelineFile";

export const account = "123456789012";
export const region = "us-east-1";

/** A resource the program registered, with the inputs it passed (outputs resolved by the mocks). */
export interface Registered {
    type: string;
    name: string;
    inputs: Record<string, any>;
    state: Record<string, any>;
    /** Type of the parent resource ("pulumi:pulumi:Stack" for a top-level one). */
    parentType: string;
}

export interface Program {
    resources: Registered[];
    outputs: Record<string, unknown>;
    ofType(type: string): Registered[];
    one(type: string, name: string): Registered;
}

// ARNs shaped like AWS's, so policy tests can tell an ARN from a wildcard.
function mockState(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
    const [, module, kind] = /^aws:([^/]+)\/(\w+):/.exec(type) ?? [];
    const physical: string = inputs.name ?? inputs.bucket ?? (inputs.bucketPrefix !== undefined ? `${inputs.bucketPrefix}mock1234` : name);
    const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
    const arns: Record<string, string> = {
        "kinesis/stream": arn("kinesis", `stream/${physical}`),
        "kinesis/firehoseDeliveryStream": arn("firehose", `deliverystream/${physical}`),
        "dynamodb/table": arn("dynamodb", `table/${physical}`),
        "s3/bucket": `arn:aws:s3:::${physical}`,
        "sqs/queue": arn("sqs", physical),
        "kms/key": arn("kms", `key/${name}-id`),
        "iam/role": `arn:aws:iam::${account}:role/${physical}`,
        "lambda/function": arn("lambda", `function:${physical}`),
        "cloudwatch/logGroup": arn("logs", `log-group:${physical}`),
        "cloudwatch/eventBus": arn("events", `event-bus/${physical}`),
        // A rule on the default bus has no bus in its ARN.
        "cloudwatch/eventRule": arn("events", inputs.eventBusName === undefined || inputs.eventBusName === "default" ? `rule/${physical}` : `rule/${inputs.eventBusName}/${physical}`),
        "sns/topic": arn("sns", physical),
        "cloudwatch/metricAlarm": arn("cloudwatch", `alarm:${physical}`),
    };
    const key = `${module}/${kind}`;
    return {
        ...inputs,
        name: physical,
        ...(key === "s3/bucket" ? { bucket: physical } : {}),
        ...(key === "kms/key" ? { keyId: `${name}-id` } : {}),
        ...(key === "sqs/queue" ? { url: `https://sqs.${region}.amazonaws.com/${account}/${physical}` } : {}),
        ...(arns[key] !== undefined ? { arn: arns[key] } : {}),
    };
}

/** Replaces the stack config with `values`, keys without their `telemetry:` namespace. */
export function setStackConfig(values: Record<string, string>): void {
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(values).map(([k, v]) => [`telemetry:${k}`, v])));
}

export interface ProgramOptions {
    /** A pipeline file to deploy instead of config/pipeline.json; it stays in force for the rest of the test file's process. */
    pipelineFile?: string;
}

/** Sets the mocks and stack config, then imports the real program (infra/index.ts) and waits for every registration. */
export async function runProgram(config: Record<string, string> = {}, options: ProgramOptions = {}): Promise<Program> {
    process.env[skipBuildVariable] = "1";
    if (options.pipelineFile !== undefined) {
        process.env[pipelineFileVariable] = options.pipelineFile;
    }
    const resources: Registered[] = [];
    await pulumi.runtime.setMocks({
        newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
            const state = mockState(args.type, args.name, args.inputs);
            resources.push({ type: args.type, name: args.name, inputs: args.inputs, state, parentType: "" });
            return { id: `${args.name}-id`, state };
        },
        call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
            switch (args.token) {
                case "aws:index/getCallerIdentity:getCallerIdentity": return { accountId: account, arn: `arn:aws:iam::${account}:user/test`, userId: "test", id: account };
                case "aws:index/getRegion:getRegion": return { name: region, region, id: region };
                case "aws:index/getPartition:getPartition": return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
                default: throw new Error(`unmocked call ${args.token}`);
            }
        },
    }, "telemetry", "test", false);
    setStackConfig(config);

    const program: Record<string, unknown> = await import("../index");
    const outputs: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(program)) {
        outputs[name] = pulumi.Output.isInstance(value) ? await promiseOf(value) : value;
    }
    // Resources created after the exported outputs resolve (alarms, policies) are still in flight: drain the RPC queue.
    const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
    await pulumi.runtime.disconnect();

    // A URN's type part is the chain of parent types, "Parent$Child"; mocks are not told the parent otherwise.
    for (const urn of monitor.getRegisteredResources().keys()) {
        const [, , chain, name] = urn.split("::");
        const types = chain.split("$");
        const registered = resources.find(r => r.name === name && r.type === types[types.length - 1]);
        if (registered !== undefined) {
            registered.parentType = types.length > 1 ? types[types.length - 2] : "pulumi:pulumi:Stack";
        }
    }

    return {
        resources,
        outputs,
        ofType: (type: string) => resources.filter(r => r.type === type),
        one(type: string, name: string): Registered {
            const found = resources.filter(r => r.type === type && r.name === name);
            if (found.length !== 1) {
                throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${resources.filter(r => r.type === type).map(r => r.name).join(", ")}`);
            }
            return found[0];
        },
    };
}

export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise(resolve => output.apply(value => { resolve(value); return value; }));
}

/** Parses a policy input (a JSON string) into its statements. */
export function statementsOf(policy: unknown): Record<string, any>[] {
    const document = typeof policy === "string" ? JSON.parse(policy) : policy;
    const statements = document.Statement;
    return Array.isArray(statements) ? statements : [statements];
}

export function asArray<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
