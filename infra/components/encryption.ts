import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, policyDocument } from "../policy";

export interface EncryptionArgs {
    namePrefix: string;
    context: AwsContext;
}

/** One customer-managed key for the stream, the archive, the on-failure queues and the topics. */
export class Encryption extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;

    constructor(name: string, args: EncryptionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:Encryption", name, {}, opts);
        const { accountId, partition } = args.context;

        this.key = new aws.kms.Key(`${name}-key`, {
            description: `${args.namePrefix} pipeline: Kinesis, S3 archive, SQS queues, SNS topics`,
            enableKeyRotation: true,
            deletionWindowInDays: 7,
            // In a key policy "Resource": "*" means this key. The root statement delegates to IAM, so the
            // roles' own statements (scoped to this key's ARN) are what grant the functions and Firehose.
            policy: policyDocument(
                {
                    Sid: "AccountAdministersKeyThroughIam",
                    Effect: "Allow",
                    Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
                    Action: ["kms:*"],
                    Resource: "*",
                },
                {
                    // Alarms (CloudWatch) and alert rules (EventBridge) publish to encrypted topics, and SNS sends to the
                    // encrypted alert queue, as services, without a role of ours, so the key must name them. No source
                    // condition: these services do not reliably pass one to KMS; the topic and queue policies restrict
                    // which alarms, rules and topics may publish or send.
                    Sid: "ServicesPublishToEncryptedTopicsAndQueues",
                    Effect: "Allow",
                    Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com", "sns.amazonaws.com"] },
                    Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                    Resource: "*",
                },
            ),
        }, { parent: this });

        new aws.kms.Alias(`${name}-alias`, { name: `alias/${args.namePrefix}`, targetKeyId: this.key.keyId }, { parent: this });
        this.registerOutputs({ keyArn: this.key.arn });
    }
}
