import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { archiveLayout } from "../archiveLayout";
import { ArchiveSpec } from "../pipelineFile";
import { assumeRolePolicy, AwsContext, policyDocument } from "../policy";
import { ArchiveSchema, deliveryFormat, readSchemaStatement } from "./archiveDelivery";
import { ArchiveQueries, athenaResultsPrefix } from "./archiveQueries";
import { ArchiveTable } from "./archiveTable";

export interface ArchiveArgs {
    namePrefix: string;
    spec: ArchiveSpec;
    streamArn: pulumi.Input<string>;
    keyArn: pulumi.Input<string>;
    forceDestroy: boolean;
    transitionDays: number;
    storageClass: string;
    expirationDays: number;
    firstYear: number;
    logRetentionDays: number;
    context: AwsContext;
}

/**
 * The raw archive: a private, encrypted, TLS-only bucket fed by Firehose from the stream (gzip NDJSON or Parquet by
 * hour), with its Glue table and Athena workgroup.
 */
export class Archive extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly deliveryStream: aws.kinesis.FirehoseDeliveryStream;
    readonly table: ArchiveTable;
    readonly queries: ArchiveQueries;

    constructor(name: string, args: ArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:Archive", name, {}, opts);
        const parent = { parent: this };

        // Bucket names are global: a prefix plus Pulumi's random suffix, exported as bucketName.
        this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucketPrefix: `${args.namePrefix}-archive-`, forceDestroy: args.forceDestroy }, parent);
        const bucket = this.bucket.id;

        new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent);
        const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
            bucket,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, parent);
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
            bucket,
            // The bucket key cuts KMS requests (and their cost) to one per bucket and time window instead of one per object.
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.keyArn }, bucketKeyEnabled: true }],
        }, parent);
        new aws.s3.BucketPolicy(`${name}-tls-only`, {
            bucket,
            policy: policyDocument({
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: ["s3:*"],
                Resource: [this.bucket.arn, pulumi.interpolate`${this.bucket.arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            }),
        }, { parent: this, dependsOn: [publicAccess] });
        new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket, rules: lifecycleRules(args) }, parent);

        this.table = new ArchiveTable(`${name}-table`, {
            namePrefix: args.namePrefix,
            bucketName: this.bucket.bucket,
            layout: archiveLayout(args.spec.prefix),
            format: args.spec.format,
            firstYear: args.firstYear,
        }, parent);
        this.queries = new ArchiveQueries(`${name}-queries`, {
            namePrefix: args.namePrefix,
            bucketName: this.bucket.bucket,
            keyArn: args.keyArn,
            databaseName: this.table.database.name,
            tableName: this.table.table.name,
            forceDestroy: args.forceDestroy,
        }, parent);

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-firehose-logs`, {
            name: `/aws/kinesisfirehose/${args.namePrefix}-archive`,
            retentionInDays: args.logRetentionDays,
        }, parent);
        const logStream = new aws.cloudwatch.LogStream(`${name}-firehose-delivery-log`, { name: "DestinationDelivery", logGroupName: logGroup.name }, parent);

        const role = new aws.iam.Role(`${name}-firehose-role`, { assumeRolePolicy: assumeRolePolicy("firehose.amazonaws.com") }, parent);
        const schema: ArchiveSchema = { databaseName: this.table.database.name, tableName: this.table.table.name, roleArn: role.arn };
        const rolePolicy = new aws.iam.RolePolicy(`${name}-firehose-policy`, {
            role: role.id,
            policy: firehosePolicy(args, this.bucket.arn, logGroup.arn, args.spec.format === "parquet" ? schema : undefined),
        }, parent);

        this.deliveryStream = new aws.kinesis.FirehoseDeliveryStream(`${name}-firehose`, {
            name: `${args.namePrefix}-archive`,
            destination: "extended_s3",
            kinesisSourceConfiguration: { kinesisStreamArn: args.streamArn, roleArn: role.arn },
            extendedS3Configuration: {
                roleArn: role.arn,
                bucketArn: this.bucket.arn,
                prefix: args.spec.prefix,
                errorOutputPrefix: args.spec.errorOutputPrefix,
                bufferingSize: args.spec.bufferingSizeMb,
                bufferingInterval: args.spec.bufferingIntervalSeconds,
                ...deliveryFormat(args.spec.format, schema),
                cloudwatchLoggingOptions: { enabled: true, logGroupName: logGroup.name, logStreamName: logStream.name },
            },
        }, { parent: this, dependsOn: [rolePolicy] });

        this.registerOutputs({
            bucketName: this.bucket.bucket,
            deliveryStreamName: this.deliveryStream.name,
            glueDatabaseName: this.table.database.name,
            glueTableName: this.table.table.name,
            athenaWorkgroupName: this.queries.workgroup.name,
            readingsPerDeviceHourQueryId: this.queries.readingsPerDeviceHour.id,
        });
    }
}

const athenaResultsExpirationDays = 7;

// The literal start of a Firehose prefix (before its first expression): the folder a lifecycle rule can name.
function literalStart(prefix: string): string {
    const expression = prefix.indexOf("!{");
    return expression < 0 ? prefix : prefix.slice(0, expression);
}

function lifecycleRules(args: ArchiveArgs): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    // The archive and its error objects only: query results under athena-results/ expire before they would move.
    const aging = (id: string, prefix: string): aws.types.input.s3.BucketLifecycleConfigurationRule => ({
        id,
        status: "Enabled",
        filter: { prefix },
        transitions: [{ days: args.transitionDays, storageClass: args.storageClass }],
        expiration: args.expirationDays > 0 ? { days: args.expirationDays } : undefined,
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    });
    return [
        aging("archive-to-cheaper-storage", literalStart(args.spec.prefix)),
        aging("archive-errors-to-cheaper-storage", literalStart(args.spec.errorOutputPrefix)),
        {
            // Query results are for reading once and can be run again: a week, never the archive's storage class.
            id: "athena-results-expire",
            status: "Enabled",
            filter: { prefix: athenaResultsPrefix },
            expiration: { days: athenaResultsExpirationDays },
        },
    ];
}

// `schema`: the Glue table Parquet conversion reads; absent for NDJSON, which needs no Glue access.
function firehosePolicy(args: ArchiveArgs, bucketArn: pulumi.Output<string>, logGroupArn: pulumi.Output<string>, schema?: ArchiveSchema): pulumi.Output<string> {
    const { region } = args.context;
    return policyDocument(
        {
            Sid: "ReadSourceStream",
            Effect: "Allow",
            Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"],
            Resource: args.streamArn,
        },
        {
            Sid: "WriteArchive",
            Effect: "Allow",
            Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
            Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        },
        {
            // Decrypt: the stream's records; GenerateDataKey: the archive's objects under the bucket's default key.
            Sid: "UsePipelineKeyForStreamAndArchive",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: args.keyArn,
            Condition: { StringEquals: { "kms:ViaService": [pulumi.interpolate`kinesis.${region}.amazonaws.com`, pulumi.interpolate`s3.${region}.amazonaws.com`] } },
        },
        {
            Sid: "WriteDeliveryErrors",
            Effect: "Allow",
            Action: ["logs:PutLogEvents"],
            Resource: pulumi.interpolate`${logGroupArn}:log-stream:DestinationDelivery`,
        },
        ...(schema === undefined ? [] : [readSchemaStatement(args.context, schema)]),
    );
}
