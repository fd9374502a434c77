import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertsSpec } from "../pipelineFile";
import { policyDocument } from "../policy";
import { AlertQueue } from "./alertQueue";

export interface AlertingArgs {
    namePrefix: string;
    keyArn: pulumi.Input<string>;
    alertEmail?: string;
    logRetentionDays: number;
    /** The rule's pattern and the queue's settings, from config/pipeline.json (shared with the local stack). */
    alerts: AlertsSpec;
}

/**
 * The alerter's events: a bus, a rule sending the alert events (the shared pattern) to a topic that fans out to the
 * alert queue and the optional e-mail, and an audit trail of every event.
 */
export class Alerting extends pulumi.ComponentResource {
    readonly bus: aws.cloudwatch.EventBus;
    readonly alertTopic: aws.sns.Topic;
    readonly queue: AlertQueue;

    constructor(name: string, args: AlertingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:Alerting", name, {}, opts);
        const parent = { parent: this };

        this.bus = new aws.cloudwatch.EventBus(`${name}-bus`, { name: args.namePrefix }, parent);

        this.alertTopic = new aws.sns.Topic(`${name}-alerts`, { name: `${args.namePrefix}-alerts`, kmsMasterKeyId: args.keyArn }, parent);
        const alertRule = new aws.cloudwatch.EventRule(`${name}-alert-rule`, {
            name: `${args.namePrefix}-alerts`,
            eventBusName: this.bus.name,
            eventPattern: JSON.stringify(args.alerts.eventPattern),
        }, parent);
        const topicPolicy = new aws.sns.TopicPolicy(`${name}-alerts-policy`, {
            arn: this.alertTopic.arn,
            policy: policyDocument({
                Sid: "AlertRulePublishes",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: ["sns:Publish"],
                Resource: this.alertTopic.arn,
                Condition: { ArnEquals: { "aws:SourceArn": alertRule.arn } },
            }),
        }, parent);
        new aws.cloudwatch.EventTarget(`${name}-alert-target`, {
            rule: alertRule.name,
            eventBusName: this.bus.name,
            arn: this.alertTopic.arn,
        }, { parent: this, dependsOn: [topicPolicy] });
        this.queue = new AlertQueue(`${name}-queue`, {
            namePrefix: args.namePrefix, keyArn: args.keyArn, topicArn: this.alertTopic.arn, spec: args.alerts.queue,
        }, parent);
        if (args.alertEmail !== undefined) {
            // Stays pending until the recipient confirms the e-mail AWS sends.
            new aws.sns.TopicSubscription(`${name}-alert-email`, { topic: this.alertTopic.arn, protocol: "email", endpoint: args.alertEmail }, parent);
        }

        // EventBridge writes to CloudWatch Logs only under a log resource policy naming the group.
        const auditLogs = new aws.cloudwatch.LogGroup(`${name}-audit-logs`, {
            name: `/aws/events/${args.namePrefix}-audit`,
            retentionInDays: args.logRetentionDays,
        }, parent);
        const auditPolicy = new aws.cloudwatch.LogResourcePolicy(`${name}-audit-log-policy`, {
            policyName: `${args.namePrefix}-events-audit`,
            policyDocument: policyDocument({
                Sid: "EventBridgeWritesAudit",
                Effect: "Allow",
                Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] },
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: pulumi.interpolate`${auditLogs.arn}:log-stream:*`,
            }),
        }, parent);
        const auditRule = new aws.cloudwatch.EventRule(`${name}-audit-rule`, {
            name: `${args.namePrefix}-audit`,
            eventBusName: this.bus.name,
            eventPattern: JSON.stringify({ source: [{ prefix: "telemetry." }] }),
        }, parent);
        new aws.cloudwatch.EventTarget(`${name}-audit-target`, {
            rule: auditRule.name,
            eventBusName: this.bus.name,
            arn: auditLogs.arn,
        }, { parent: this, dependsOn: [auditPolicy] });

        this.registerOutputs({ busName: this.bus.name, alertTopicArn: this.alertTopic.arn, alertQueueUrl: this.queue.queue.url });
    }
}
