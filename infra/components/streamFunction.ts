import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FunctionSpec } from "../pipelineFile";
import { assumeRolePolicy, AwsContext, policyDocument, Statement } from "../policy";
import { Architecture } from "../settings";

export interface StreamFunctionArgs {
    functionName: string;
    spec: FunctionSpec;
    code: pulumi.asset.Archive;
    architecture: Architecture;
    logRetentionDays: number;
    environment: Record<string, pulumi.Input<string>>;
    streamArn: pulumi.Input<string>;
    keyArn: pulumi.Input<string>;
    tableArn: pulumi.Input<string>;
    busArn: pulumi.Input<string>;
    context: AwsContext;
}

/** One Lambda consumer of the stream: its role, log group, on-failure queue and event source mapping. */
export class StreamFunction extends pulumi.ComponentResource {
    readonly function: aws.lambda.Function;
    readonly failureQueue: aws.sqs.Queue;

    constructor(name: string, args: StreamFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:StreamFunction", name, {}, opts);
        const parent = { parent: this };

        this.failureQueue = new aws.sqs.Queue(`${name}-failures`, {
            name: `${args.functionName}-failures`,
            kmsMasterKeyId: args.keyArn,
            // Longest SQS allows: a failed batch's shard/sequence range must outlive a long weekend.
            messageRetentionSeconds: 1_209_600,
        }, parent);

        // Created here, not by Lambda on first log, so that its retention is ours and destroy removes it.
        const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            name: `/aws/lambda/${args.functionName}`,
            retentionInDays: args.logRetentionDays,
        }, parent);

        const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com") }, parent);
        const rolePolicy = new aws.iam.RolePolicy(`${name}-policy`, {
            role: role.id,
            policy: policyDocument(...statements(args, this.failureQueue.arn, logGroup.arn)),
        }, parent);

        this.function = new aws.lambda.Function(`${name}-function`, {
            name: args.functionName,
            role: role.arn,
            runtime: aws.lambda.Runtime.Dotnet10,
            architectures: [args.architecture],
            handler: args.spec.handler,
            code: args.code,
            memorySize: args.spec.memoryMb,
            timeout: args.spec.timeoutSeconds,
            environment: { variables: args.environment },
            loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        }, { parent: this, dependsOn: [logGroup, rolePolicy] });

        const m = args.spec.eventSourceMapping;
        new aws.lambda.EventSourceMapping(`${name}-mapping`, {
            eventSourceArn: args.streamArn,
            functionName: this.function.arn,
            batchSize: m.BatchSize,
            maximumBatchingWindowInSeconds: m.MaximumBatchingWindowInSeconds,
            bisectBatchOnFunctionError: m.BisectBatchOnFunctionError,
            maximumRetryAttempts: m.MaximumRetryAttempts,
            maximumRecordAgeInSeconds: m.MaximumRecordAgeInSeconds,
            functionResponseTypes: m.FunctionResponseTypes,
            startingPosition: m.StartingPosition,
            destinationConfig: { onFailure: { destinationArn: this.failureQueue.arn } },
        }, { parent: this, dependsOn: [rolePolicy] }); // Lambda checks the role's stream permissions when the mapping is created.

        this.registerOutputs({ functionName: this.function.name, failureQueueArn: this.failureQueue.arn });
    }
}

function statements(args: StreamFunctionArgs, queueArn: pulumi.Output<string>, logGroupArn: pulumi.Output<string>): Statement[] {
    const { region } = args.context;
    const result: Statement[] = [
        {
            Sid: "ReadStream",
            Effect: "Allow",
            Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
            Resource: args.streamArn,
        },
        {
            // Decrypt: the stream's records; GenerateDataKey: the encrypted on-failure queue.
            Sid: "UsePipelineKeyForStreamAndQueue",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: args.keyArn,
            Condition: { StringEquals: { "kms:ViaService": [pulumi.interpolate`kinesis.${region}.amazonaws.com`, pulumi.interpolate`sqs.${region}.amazonaws.com`] } },
        },
        { Sid: "SendFailedBatches", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: queueArn },
        {
            // Lambda names its log streams itself; the wildcard stays inside this one log group.
            Sid: "WriteOwnLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: pulumi.interpolate`${logGroupArn}:log-stream:*`,
        },
    ];
    if (args.spec.grants.includes("table")) {
        result.push({
            Sid: "ReadWriteRollups",
            Effect: "Allow",
            Action: ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"],
            Resource: args.tableArn,
        });
    }
    if (args.spec.grants.includes("state")) {
        // Whole-item conditional writes and per-device queries of the alert state (docs/alerter.md).
        result.push({ Sid: "ReadWriteState", Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:PutItem"], Resource: args.tableArn });
    }
    if (args.spec.grants.includes("events")) {
        result.push({ Sid: "PublishEvents", Effect: "Allow", Action: ["events:PutEvents"], Resource: args.busArn });
    }
    return result;
}
