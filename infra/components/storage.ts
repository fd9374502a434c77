import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface StorageArgs {
    tableName: string;
    deletionProtection: boolean;
}

/** The rollup table (docs/rollup-table.md): string keys pk/sk, on-demand, TTL on expiresAt. */
export class Storage extends pulumi.ComponentResource {
    readonly table: aws.dynamodb.Table;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:Storage", name, {}, opts);
        this.table = new aws.dynamodb.Table(`${name}-table`, {
            name: args.tableName,
            billingMode: "PAY_PER_REQUEST",
            hashKey: "pk",
            rangeKey: "sk",
            attributes: [
                { name: "pk", type: "S" },
                { name: "sk", type: "S" },
            ],
            // The aggregator writes expiresAt (epoch seconds) on 1-minute rollups and rejected records.
            ttl: { attributeName: "expiresAt", enabled: true },
            pointInTimeRecovery: { enabled: true },
            // The AWS-managed key (aws/dynamodb): encrypted at rest without KMS grants for every reader (CLI, functions).
            serverSideEncryption: { enabled: true },
            deletionProtectionEnabled: args.deletionProtection,
        }, { parent: this });
        this.registerOutputs({ tableArn: this.table.arn });
    }
}
