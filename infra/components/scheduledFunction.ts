import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ScheduleSpec } from "../pipelineFile";
import { deployLambda, LambdaArgs } from "./lambdaFunction";

export interface ScheduledFunctionArgs extends LambdaArgs {
    spec: ScheduleSpec;
}

/** rate() of an EventBridge schedule for a period config/pipeline.json has checked to be whole minutes. */
export function rateExpression(everySeconds: number): string {
    const minutes = everySeconds / 60;
    return minutes === 1 ? "rate(1 minute)" : `rate(${minutes} minutes)`;
}

/**
 * One Lambda run on a timer (`schedules` in config/pipeline.json): its role, log group, and a schedule rule on the
 * account's default bus, the only bus that runs schedule expressions. It reads no stream, so it has no on-failure queue;
 * a failed run shows in its Errors alarm (Monitoring) and the next run starts over.
 */
export class ScheduledFunction extends pulumi.ComponentResource {
    readonly function: aws.lambda.Function;
    readonly rule: aws.cloudwatch.EventRule;

    constructor(name: string, args: ScheduledFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:ScheduledFunction", name, {}, opts);
        const parent = { parent: this };

        this.function = deployLambda(name, args, [], this).function;

        this.rule = new aws.cloudwatch.EventRule(`${name}-schedule`, {
            name: `${args.functionName}-schedule`,
            description: `Runs ${args.functionName} every ${args.spec.everySeconds} s (config/pipeline.json schedules).`,
            scheduleExpression: rateExpression(args.spec.everySeconds),
        }, parent);
        // Only this rule may invoke the function: a resource policy naming just the service would let any rule in any account.
        const permission = new aws.lambda.Permission(`${name}-invoke`, {
            action: "lambda:InvokeFunction",
            function: this.function.name,
            principal: "events.amazonaws.com",
            sourceArn: this.rule.arn,
        }, parent);
        new aws.cloudwatch.EventTarget(`${name}-target`, {
            rule: this.rule.name,
            arn: this.function.arn,
        }, { parent: this, dependsOn: [permission] }); // Without the permission the first runs would be refused.

        // A failed run is not retried by Lambda: the next scheduled run starts a minute later and does the same work
        // (outboxes are kept), so retries would only overlap it and count the one failure several times in the alarm.
        new aws.lambda.FunctionEventInvokeConfig(`${name}-invoke-config`, {
            functionName: this.function.name,
            maximumRetryAttempts: 0,
        }, parent);

        this.registerOutputs({ functionName: this.function.name, ruleArn: this.rule.arn });
    }
}
