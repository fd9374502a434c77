import * as pulumi from "@pulumi/pulumi";

export interface DashboardTargets {
    region: pulumi.Input<string>;
    streamName: pulumi.Input<string>;
    tableName: pulumi.Input<string>;
    deliveryStreamName: pulumi.Input<string>;
    functions: { key: string; functionName: pulumi.Input<string>; queueName: pulumi.Input<string> }[];
    scheduledFunctions: { key: string; functionName: pulumi.Input<string> }[];
}

/** The namespace of the functions' own metrics (Embedded Metric Format lines; docs/function-metrics.md). */
export const functionMetricsNamespace = "Telemetry";

type Metric = (pulumi.Input<string> | { stat: string } | { expression: pulumi.Input<string>; label: string; id: string })[];

/** The dashboard body: the pipeline's flow from stream to rollups and archive, one graph per question an operator asks. */
export function dashboardBody(t: DashboardTargets): pulumi.Output<string> {
    const graph = (title: string, metrics: Metric[], x: number, y: number) => ({
        type: "metric",
        x, y, width: 12, height: 6,
        properties: { title, region: t.region, view: "timeSeries", stacked: false, period: 60, metrics },
    });
    const perFunction = (metric: string, stat: string): Metric[] =>
        t.functions.map(f => ["AWS/Lambda", metric, "FunctionName", f.functionName, { stat }]);
    // Scheduled functions read no stream: no IteratorAge, no queue; their runs sit beside the stream functions' invocations.
    const everyFunction = (metric: string, stat: string): Metric[] =>
        [...t.functions, ...t.scheduledFunctions].map(f => ["AWS/Lambda", metric, "FunctionName", f.functionName, { stat }]);
    // The functions' own counters, by the Function dimension their metric lines carry (Lambda's function name).
    const own = (metric: string, stat: string, keys: string[]): Metric[] =>
        [...t.functions, ...t.scheduledFunctions].filter(f => keys.includes(f.key))
            .map(f => [functionMetricsNamespace, metric, "Function", f.functionName, { stat }]);
    // One line per reason, whichever reasons occur: a search over the Function+Reason dimension set.
    const rejectedByReason: Metric[] = t.functions.filter(f => f.key === "aggregator").map((f, i) => [{
        expression: pulumi.interpolate`SEARCH('{${functionMetricsNamespace},Function,Reason} MetricName="RecordsRejected" Function="${f.functionName}"', 'Sum', 300)`,
        label: "rejected by reason",
        id: `reasons${i}`,
    }]);

    return pulumi.jsonStringify({
        widgets: [
            graph("Readings in (stream)", [
                ["AWS/Kinesis", "IncomingRecords", "StreamName", t.streamName, { stat: "Sum" }],
                ["AWS/Kinesis", "WriteProvisionedThroughputExceeded", "StreamName", t.streamName, { stat: "Sum" }],
            ], 0, 0),
            graph("Consumer lag (ms)", [
                ["AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", "StreamName", t.streamName, { stat: "Maximum" }],
                ...perFunction("IteratorAge", "Maximum"),
            ], 12, 0),
            graph("Function invocations and errors", [...everyFunction("Invocations", "Sum"), ...everyFunction("Errors", "Sum"), ...everyFunction("Throttles", "Sum")], 0, 6),
            graph("Function duration (ms, p95)", everyFunction("Duration", "p95"), 12, 6),
            graph("Rollup table", [
                ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", t.tableName, { stat: "Sum" }],
                ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", t.tableName, { stat: "Sum" }],
                ["AWS/DynamoDB", "ThrottledRequests", "TableName", t.tableName, { stat: "Sum" }],
            ], 0, 12),
            graph("Archive (Firehose → S3)", [
                ["AWS/Firehose", "DeliveryToS3.Records", "DeliveryStreamName", t.deliveryStreamName, { stat: "Sum" }],
                ["AWS/Firehose", "DeliveryToS3.DataFreshness", "DeliveryStreamName", t.deliveryStreamName, { stat: "Maximum" }],
            ], 12, 12),
            graph("Failed batches waiting (on-failure queues)",
                t.functions.map(f => ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", f.queueName, { stat: "Maximum" }]), 0, 18),
            graph("Readings accepted and records rejected", [
                ...own("ReadingsAccepted", "Sum", ["aggregator", "alerter"]),
                ...own("RecordsRejected", "Sum", ["aggregator"]),
            ], 12, 18),
            graph("Rejected records by reason (aggregator, per 5 min)", rejectedByReason, 0, 24),
            graph("Rollup windows written and write conflicts retried", [
                ...own("WindowsWritten", "Sum", ["aggregator"]),
                ...own("WriteConflictsRetried", "Sum", ["aggregator"]),
            ], 12, 24),
            graph("Alerts raised and cleared", [
                ...own("AlertsRaised", "Sum", ["alerter", "watchdog"]),
                ...own("AlertsCleared", "Sum", ["alerter", "watchdog"]),
            ], 0, 30),
            graph("Batch age when the invocation began (ms, max)", own("BatchAge", "Maximum", ["aggregator", "alerter"]), 12, 30),
        ],
    });
}
