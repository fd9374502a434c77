import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FunctionSpec } from "../pipelineFile";
import { AwsContext, Statement } from "../policy";
import { deployLambda, LambdaArgs } from "./lambdaFunction";

export interface StreamFunctionArgs extends LambdaArgs {
    spec: FunctionSpec;
    streamArn: pulumi.Input<string>;
    keyArn: pulumi.Input<string>;
    context: AwsContext;
}

/** One Lambda consumer of the stream: its role, log group, on-failure queue and event source mapping. */
export class StreamFunction extends pulumi.ComponentResource {
    readonly function: aws.lambda.Function;
    readonly failureQueue: aws.sqs.Queue;

    constructor(name: string, args: StreamFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:StreamFunction", name, {}, opts);

        this.failureQueue = new aws.sqs.Queue(`${name}-failures`, {
            name: `${args.functionName}-failures`,
            kmsMasterKeyId: args.keyArn,
            // Longest SQS allows: a failed batch's shard/sequence range must outlive a long weekend.
            messageRetentionSeconds: 1_209_600,
        }, { parent: this });

        const { function: fn, rolePolicy } = deployLambda(name, args, streamStatements(args, this.failureQueue.arn), this);
        this.function = fn;

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
            // The aggregator's flush interval: state carried between a window's invocations, one write per window.
            tumblingWindowInSeconds: m.TumblingWindowInSeconds > 0 ? m.TumblingWindowInSeconds : undefined,
            destinationConfig: { onFailure: { destinationArn: this.failureQueue.arn } },
        }, { parent: this, dependsOn: [rolePolicy] }); // Lambda checks the role's stream permissions when the mapping is created.

        this.registerOutputs({ functionName: this.function.name, failureQueueArn: this.failureQueue.arn });
    }
}

function streamStatements(args: StreamFunctionArgs, queueArn: pulumi.Output<string>): Statement[] {
    const { region } = args.context;
    return [
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
    ];
}
