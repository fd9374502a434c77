import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, policyDocument } from "../policy";
import { AlarmThresholds } from "../settings";
import { dashboardBody, functionMetricsNamespace } from "./dashboard";

export interface MonitoredFunction {
    key: string;
    functionName: pulumi.Input<string>;
    queueName: pulumi.Input<string>;
}

/** A function run on a timer: no stream, no queue, so its failed runs are all there is to watch. */
export interface MonitoredSchedule {
    key: string;
    functionName: pulumi.Input<string>;
    everySeconds: number;
}

export interface MonitoringArgs {
    namePrefix: string;
    keyArn: pulumi.Input<string>;
    opsEmail?: string;
    thresholds: AlarmThresholds;
    streamName: pulumi.Input<string>;
    tableName: pulumi.Input<string>;
    deliveryStreamName: pulumi.Input<string>;
    functions: MonitoredFunction[];
    scheduledFunctions: MonitoredSchedule[];
    /** The alert queue's dead-letter queue: alert events no consumer could handle, or SNS could not deliver. */
    alertDeadLetterQueueName: pulumi.Input<string>;
    context: AwsContext;
}

interface AlarmSpec {
    namespace: string;
    metricName: string;
    dimensions: Record<string, pulumi.Input<string>>;
    statistic: string;
    period: number;
    evaluationPeriods: number;
    datapointsToAlarm?: number;
    threshold: number;
    comparisonOperator: string;
    description: string;
}

/** Alarms on what breaks the pipeline silently (lag, errors, throttles, parked batches, failed scheduled runs, a stale archive) → the ops topic; and the dashboard. */
export class Monitoring extends pulumi.ComponentResource {
    readonly opsTopic: aws.sns.Topic;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:Monitoring", name, {}, opts);
        const parent = { parent: this };
        const { accountId, region, partition } = args.context;
        const t = args.thresholds;

        this.opsTopic = new aws.sns.Topic(`${name}-ops`, { name: `${args.namePrefix}-ops`, kmsMasterKeyId: args.keyArn }, parent);
        new aws.sns.TopicPolicy(`${name}-ops-policy`, {
            arn: this.opsTopic.arn,
            policy: policyDocument({
                Sid: "PipelineAlarmsPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["sns:Publish"],
                Resource: this.opsTopic.arn,
                Condition: { ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${args.namePrefix}-*` } },
            }),
        }, parent);
        if (args.opsEmail !== undefined) {
            new aws.sns.TopicSubscription(`${name}-ops-email`, { topic: this.opsTopic.arn, protocol: "email", endpoint: args.opsEmail }, parent);
        }

        for (const f of args.functions) {
            const lambda = { FunctionName: f.functionName };
            // The mappings retry a failing batch until it succeeds (MaximumRetryAttempts -1), so an outage shows
            // only as a shard that stops moving: each retry reports the batch's ever older IteratorAge. Two minutes
            // in a row over the threshold fires for an outage of about two minutes, not for one slow batch.
            this.alarm(`${args.namePrefix}-${f.key}-iterator-age`, {
                namespace: "AWS/Lambda", metricName: "IteratorAge", dimensions: lambda, statistic: "Maximum",
                period: 60, evaluationPeriods: 2, datapointsToAlarm: 2, threshold: t.iteratorAgeMs, comparisonOperator: "GreaterThanThreshold",
                description: `${f.key} falls behind the stream: records older than ${t.iteratorAgeMs} ms in two consecutive minutes. `
                    + "A batch failing on a transient error (DynamoDB down, throttled) is retried until it succeeds, so the shard waits: "
                    + "fix the cause before the records outlive the stream's retention.",
            });
            this.alarm(`${args.namePrefix}-${f.key}-errors`, {
                namespace: "AWS/Lambda", metricName: "Errors", dimensions: lambda, statistic: "Sum",
                period: 300, evaluationPeriods: 1, threshold: t.errors, comparisonOperator: "GreaterThanOrEqualToThreshold",
                description: `${f.key} failed whole invocations (the shard retries and bisects).`,
            });
            this.alarm(`${args.namePrefix}-${f.key}-throttles`, {
                namespace: "AWS/Lambda", metricName: "Throttles", dimensions: lambda, statistic: "Sum",
                period: 300, evaluationPeriods: 1, threshold: t.throttles, comparisonOperator: "GreaterThanOrEqualToThreshold",
                description: `${f.key} was throttled (account or reserved concurrency).`,
            });
            this.alarm(`${args.namePrefix}-${f.key}-failed-batches`, {
                namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: f.queueName }, statistic: "Maximum",
                period: 300, evaluationPeriods: 1, threshold: t.failureQueueDepth, comparisonOperator: "GreaterThanOrEqualToThreshold",
                description: `${f.key} gave up on records (retries or record age exhausted); the queue holds their shard and sequence range for replay.`,
            });
        }
        for (const f of args.functions.filter(f => f.key === "aggregator")) {
            // From the aggregator's own metric lines (docs/function-metrics.md); the alerter rejects the same records.
            const own = { Function: f.functionName };
            this.alarm(`${args.namePrefix}-${f.key}-rejected-records`, {
                namespace: functionMetricsNamespace, metricName: "RecordsRejected", dimensions: own, statistic: "Sum",
                period: 300, evaluationPeriods: 1, threshold: t.rejectedRecords, comparisonOperator: "GreaterThanOrEqualToThreshold",
                description: `${f.key} rejected ${t.rejectedRecords} or more records in 5 minutes: a producer sends what the reading contract refuses `
                    + "(malformed, too late, unknown fields). Nothing else is lost; `telemetry query rejected` lists them with their reason.",
            });
            this.alarm(`${args.namePrefix}-${f.key}-write-conflicts`, {
                namespace: functionMetricsNamespace, metricName: "WriteConflictsRetried", dimensions: own, statistic: "Sum",
                period: 300, evaluationPeriods: 1, threshold: t.writeConflicts, comparisonOperator: "GreaterThanOrEqualToThreshold",
                description: `Rollup writes lost ${t.writeConflicts} or more races in 5 minutes: two writers keep updating the same windows `
                    + "(a replay or redrive beside the aggregator, or shards of a reshard). Each lost race is read and retried, so nothing is counted twice, "
                    + "but throughput suffers.",
            });
        }
        for (const f of args.scheduledFunctions) {
            // A scheduled run has no stream to hold it back and no queue to park it in: a run that throws (for the
            // watchdog, silence events it could not publish) is visible only here.
            this.alarm(`${args.namePrefix}-${f.key}-errors`, {
                namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: f.functionName }, statistic: "Sum",
                period: 300, evaluationPeriods: 1, threshold: t.errors, comparisonOperator: "GreaterThanOrEqualToThreshold",
                description: `${f.key} (run every ${f.everySeconds} s) failed runs; the next run starts over, so the failure repeats until its cause `
                    + "(table, bus, permissions) is fixed. For the watchdog: silences are not being reported.",
            });
        }
        this.alarm(`${args.namePrefix}-archive-freshness`, {
            namespace: "AWS/Firehose", metricName: "DeliveryToS3.DataFreshness", dimensions: { DeliveryStreamName: args.deliveryStreamName }, statistic: "Maximum",
            period: 300, evaluationPeriods: 1, threshold: t.dataFreshnessSeconds, comparisonOperator: "GreaterThanThreshold",
            description: `The archive lags: the oldest record not yet in S3 is older than ${t.dataFreshnessSeconds} s.`,
        });

        this.alarm(`${args.namePrefix}-alerts-dead-letters`, {
            namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: args.alertDeadLetterQueueName }, statistic: "Maximum",
            period: 300, evaluationPeriods: 1, threshold: t.alertDeadLetters, comparisonOperator: "GreaterThanOrEqualToThreshold",
            description: "Alert events reached the alert queue's dead-letter queue: a consumer kept failing on them, or SNS could not deliver them "
                + "(queue policy, key policy). They are kept there, not lost; redrive them to the alert queue once the cause is fixed.",
        });

        new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
            dashboardName: args.namePrefix,
            dashboardBody: dashboardBody({
                region, streamName: args.streamName, tableName: args.tableName, deliveryStreamName: args.deliveryStreamName, functions: args.functions,
                scheduledFunctions: args.scheduledFunctions,
            }),
        }, parent);
        this.registerOutputs({ opsTopicArn: this.opsTopic.arn });
    }

    private alarm(alarmName: string, spec: AlarmSpec): void {
        new aws.cloudwatch.MetricAlarm(alarmName, {
            name: alarmName,
            alarmDescription: spec.description,
            namespace: spec.namespace,
            metricName: spec.metricName,
            dimensions: spec.dimensions,
            statistic: spec.statistic,
            period: spec.period,
            evaluationPeriods: spec.evaluationPeriods,
            datapointsToAlarm: spec.datapointsToAlarm,
            threshold: spec.threshold,
            comparisonOperator: spec.comparisonOperator,
            // No data means no traffic, not a fault: an idle pipeline stays green.
            treatMissingData: "notBreaching",
            alarmActions: [this.opsTopic.arn],
            okActions: [this.opsTopic.arn],
        }, { parent: this });
    }
}
