import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface Statement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: Record<string, pulumi.Input<string> | pulumi.Input<string>[]> | "*";
    Action: string[];
    Resource: pulumi.Input<string> | pulumi.Input<string>[];
    Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

/** A policy document as JSON; the ARNs inside are outputs, resolved when the resources exist. */
export function policyDocument(...statements: Statement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

export function assumeRolePolicy(service: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
    });
}

/** Account, region and partition of the deployment, for ARNs that no resource here exports. */
export interface AwsContext {
    accountId: pulumi.Output<string>;
    region: pulumi.Output<string>;
    partition: pulumi.Output<string>;
}

export function awsContext(): AwsContext {
    return {
        accountId: aws.getCallerIdentityOutput().accountId,
        region: aws.getRegionOutput().region,
        partition: aws.getPartitionOutput().partition,
    };
}
