import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StreamMode } from "../settings";

export interface IngestionArgs {
    streamName: string;
    streamMode: StreamMode;
    shardCount: number;
    retentionHours: number;
    keyArn: pulumi.Input<string>;
}

/** The Kinesis stream every consumer reads on its own. */
export class Ingestion extends pulumi.ComponentResource {
    readonly stream: aws.kinesis.Stream;

    constructor(name: string, args: IngestionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:Ingestion", name, {}, opts);
        this.stream = new aws.kinesis.Stream(`${name}-stream`, {
            name: args.streamName,
            streamModeDetails: { streamMode: args.streamMode },
            // On-demand streams reject a shard count.
            shardCount: args.streamMode === "PROVISIONED" ? args.shardCount : undefined,
            retentionPeriod: args.retentionHours,
            encryptionType: "KMS",
            kmsKeyId: args.keyArn,
        }, { parent: this });
        this.registerOutputs({ streamArn: this.stream.arn });
    }
}
