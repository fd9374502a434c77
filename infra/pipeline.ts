import * as pulumi from "@pulumi/pulumi";
import { Alerting } from "./components/alerting";
import { Archive } from "./components/archive";
import { Encryption } from "./components/encryption";
import { Ingestion } from "./components/ingestion";
import { Monitoring } from "./components/monitoring";
import { Processing } from "./components/processing";
import { Storage } from "./components/storage";
import { AwsContext } from "./policy";
import { Settings } from "./settings";

export interface PipelineOutputs {
    streamName: pulumi.Output<string>;
    streamArn: pulumi.Output<string>;
    tableName: pulumi.Output<string>;
    bucketName: pulumi.Output<string>;
    busName: pulumi.Output<string>;
    deliveryStreamName: pulumi.Output<string>;
    glueDatabaseName: pulumi.Output<string>;
    glueTableName: pulumi.Output<string>;
    athenaWorkgroupName: pulumi.Output<string>;
    readingsPerDeviceHourQueryId: pulumi.Output<string>;
    functionNames: pulumi.Output<Record<string, string>>;
    scheduledFunctionNames: pulumi.Output<Record<string, string>>;
    opsTopicArn: pulumi.Output<string>;
    alertTopicArn: pulumi.Output<string>;
    alertQueueUrl: pulumi.Output<string>;
    alertQueueArn: pulumi.Output<string>;
}

/** The whole pipeline of ARCHITECTURE.md; names follow the CLI's defaults (stream `telemetry`, table `telemetry-rollups`). */
export function deployPipeline(s: Settings, context: AwsContext): PipelineOutputs {
    const p = s.namePrefix;
    const encryption = new Encryption("encryption", { namePrefix: p, context });
    const keyArn = encryption.key.arn;

    const ingestion = new Ingestion("ingestion", {
        streamName: p, streamMode: s.streamMode, shardCount: s.shardCount, retentionHours: s.retentionHours, keyArn,
    });
    const storage = new Storage("storage", { tableName: `${p}-rollups`, deletionProtection: s.deletionProtection });
    const archive = new Archive("archive", {
        namePrefix: p,
        spec: s.pipeline.archive,
        streamArn: ingestion.stream.arn,
        keyArn,
        // With deletion protection off, `pulumi destroy` must be able to remove a bucket that holds objects.
        forceDestroy: !s.deletionProtection,
        transitionDays: s.archiveTransitionDays,
        storageClass: s.archiveStorageClass,
        expirationDays: s.archiveExpirationDays,
        firstYear: s.archiveFirstYear,
        logRetentionDays: s.logRetentionDays,
        context,
    });
    const alerting = new Alerting("alerting", { namePrefix: p, keyArn, alertEmail: s.alertEmail, logRetentionDays: s.logRetentionDays, alerts: s.pipeline.alerts });
    const processing = new Processing("processing", {
        settings: s,
        streamArn: ingestion.stream.arn,
        keyArn,
        tableArn: storage.table.arn,
        tableName: storage.table.name,
        busArn: alerting.bus.arn,
        busName: alerting.bus.name,
        context,
    });
    const functions = Object.entries(processing.functions);
    const scheduled = Object.entries(processing.scheduled);
    const monitoring = new Monitoring("monitoring", {
        namePrefix: p,
        keyArn,
        opsEmail: s.opsEmail,
        thresholds: s.alarms,
        streamName: ingestion.stream.name,
        tableName: storage.table.name,
        deliveryStreamName: archive.deliveryStream.name,
        functions: functions.map(([key, f]) => ({ key, functionName: f.function.name, queueName: f.failureQueue.name })),
        scheduledFunctions: scheduled.map(([key, f]) => ({ key, functionName: f.function.name, everySeconds: s.pipeline.schedules[key].everySeconds })),
        alertDeadLetterQueueName: alerting.queue.deadLetterQueue.name,
        context,
    });

    return {
        streamName: ingestion.stream.name,
        streamArn: ingestion.stream.arn,
        tableName: storage.table.name,
        bucketName: archive.bucket.bucket,
        busName: alerting.bus.name,
        deliveryStreamName: archive.deliveryStream.name,
        glueDatabaseName: archive.table.database.name,
        glueTableName: archive.table.table.name,
        athenaWorkgroupName: archive.queries.workgroup.name,
        readingsPerDeviceHourQueryId: archive.queries.readingsPerDeviceHour.id,
        functionNames: pulumi.output(Object.fromEntries(functions.map(([key, f]) => [key, f.function.name]))),
        // Apart from functionNames: the CLI takes each of those to have an on-failure queue (redrive), and these have none.
        scheduledFunctionNames: pulumi.output(Object.fromEntries(scheduled.map(([key, f]) => [key, f.function.name]))),
        opsTopicArn: monitoring.opsTopic.arn,
        alertTopicArn: alerting.alertTopic.arn,
        alertQueueUrl: alerting.queue.queue.url,
        alertQueueArn: alerting.queue.queue.arn,
    };
}
