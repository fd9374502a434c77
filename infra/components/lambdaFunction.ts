import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LambdaSpec } from "../pipelineFile";
import { assumeRolePolicy, policyDocument, Statement } from "../policy";
import { Architecture } from "../settings";

/** What every function of the pipeline shares, whatever invokes it: one code package, runtime, environment and the resources its grants name. */
export interface LambdaArgs {
    functionName: string;
    spec: LambdaSpec;
    code: pulumi.asset.Archive;
    architecture: Architecture;
    logRetentionDays: number;
    environment: Record<string, pulumi.Input<string>>;
    tableArn: pulumi.Input<string>;
    busArn: pulumi.Input<string>;
}

export interface DeployedLambda {
    function: aws.lambda.Function;
    /** Anything that needs the role's permissions in place when it is created (an event source mapping) depends on it. */
    rolePolicy: aws.iam.RolePolicy;
}

/**
 * The log group, role, policy and function of one pipeline function, created under `parent` with `name` as their
 * names' stem. `invokerStatements` are what the invocation itself needs (reading the stream, parking failed batches);
 * the policy adds writing its own logs and the statements of its grants.
 */
export function deployLambda(name: string, args: LambdaArgs, invokerStatements: Statement[], parent: pulumi.Resource): DeployedLambda {
    // Created here, not by Lambda on first log, so that its retention is ours and destroy removes it.
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
        name: `/aws/lambda/${args.functionName}`,
        retentionInDays: args.logRetentionDays,
    }, { parent });

    const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com") }, { parent });
    const rolePolicy = new aws.iam.RolePolicy(`${name}-policy`, {
        role: role.id,
        policy: policyDocument(...invokerStatements, ownLogs(logGroup.arn), ...grantStatements(args)),
    }, { parent });

    const fn = new aws.lambda.Function(`${name}-function`, {
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
    }, { parent, dependsOn: [logGroup, rolePolicy] });

    return { function: fn, rolePolicy };
}

function ownLogs(logGroupArn: pulumi.Output<string>): Statement {
    return {
        // Lambda names its log streams itself; the wildcard stays inside this one log group.
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: pulumi.interpolate`${logGroupArn}:log-stream:*`,
    };
}

function grantStatements(args: LambdaArgs): Statement[] {
    const grants = args.spec.grants;
    const result: Statement[] = [];
    if (grants.includes("table")) {
        // Query: an hour rollup is derived from its minutes, and the sweep reads its markers (docs/hour-rollups.md).
        result.push({
            Sid: "ReadWriteRollups",
            Effect: "Allow",
            Action: ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:Query"],
            Resource: args.tableArn,
        });
    }
    if (grants.includes("state")) {
        // Whole-item conditional writes and per-device queries of the alert state (docs/alerter.md).
        result.push({ Sid: "ReadWriteState", Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:PutItem"], Resource: args.tableArn });
    }
    if (grants.includes("events")) {
        result.push({ Sid: "PublishEvents", Effect: "Allow", Action: ["events:PutEvents"], Resource: args.busArn });
    }
    return result;
}
