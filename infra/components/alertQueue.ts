import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertsSpec, prefixed } from "../pipelineFile";
import { policyDocument } from "../policy";

export interface AlertQueueArgs {
    namePrefix: string;
    keyArn: pulumi.Input<string>;
    topicArn: pulumi.Input<string>;
    spec: AlertsSpec["queue"];
}

/**
 * The queue any consumer polls for alert events, subscribed to the alert topic, with a dead-letter queue for messages
 * consumers keep failing on and for those SNS could not deliver at all.
 */
export class AlertQueue extends pulumi.ComponentResource {
    readonly queue: aws.sqs.Queue;
    readonly deadLetterQueue: aws.sqs.Queue;

    constructor(name: string, args: AlertQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:AlertQueue", name, {}, opts);
        const parent = { parent: this };
        const queueName = prefixed(args.spec.name, args.namePrefix);

        this.deadLetterQueue = new aws.sqs.Queue(`${name}-dlq`, {
            name: `${queueName}-dlq`,
            kmsMasterKeyId: args.keyArn,
            messageRetentionSeconds: args.spec.deadLetterRetentionSeconds,
        }, parent);
        this.queue = new aws.sqs.Queue(`${name}-queue`, {
            name: queueName,
            kmsMasterKeyId: args.keyArn,
            messageRetentionSeconds: args.spec.messageRetentionSeconds,
            redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: args.spec.maxReceiveCount }),
        }, parent);
        new aws.sqs.RedriveAllowPolicy(`${name}-dlq-sources`, {
            queueUrl: this.deadLetterQueue.url,
            redriveAllowPolicy: pulumi.jsonStringify({ redrivePermission: "byQueue", sourceQueueArns: [this.queue.arn] }),
        }, parent);

        const policies = [this.queue, this.deadLetterQueue].map((queue, i) => new aws.sqs.QueuePolicy(`${name}-${i === 0 ? "queue" : "dlq"}-policy`, {
            queueUrl: queue.url,
            policy: policyDocument({
                Sid: "AlertTopicSends",
                Effect: "Allow",
                Principal: { Service: "sns.amazonaws.com" },
                Action: ["sqs:SendMessage"],
                Resource: queue.arn,
                Condition: { ArnEquals: { "aws:SourceArn": args.topicArn } },
            }),
        }, parent));

        // Raw delivery: the message body is the EventBridge event itself, as the rule matched it, not wrapped in an SNS
        // envelope; a consumer reads the same JSON here as from a rule's direct SQS target (what the local stack wires).
        new aws.sns.TopicSubscription(`${name}-subscription`, {
            topic: args.topicArn,
            protocol: "sqs",
            endpoint: this.queue.arn,
            rawMessageDelivery: true,
            // A message SNS cannot deliver (the queue's policy or the key refuse it) goes here instead of being dropped.
            redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: this.deadLetterQueue.arn }),
        }, { parent: this, dependsOn: policies });

        this.registerOutputs({ queueUrl: this.queue.url, queueArn: this.queue.arn, deadLetterQueueName: this.deadLetterQueue.name });
    }
}
