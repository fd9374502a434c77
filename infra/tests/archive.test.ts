import assert from "node:assert/strict";
import { before, test } from "node:test";
import { readPipelineFile } from "../pipelineFile";
import { account, Program, region, runProgram } from "./harness";

let program: Program;
before(async () => { program = await runProgram(); });

const archive = readPipelineFile().archive;

test("firehose reads the stream with its own role and writes gzip to the archive bucket", () => {
    const firehose = program.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "archive-firehose").inputs;
    const role = `arn:aws:iam::${account}:role/archive-firehose-role`;
    assert.equal(firehose.destination, "extended_s3");
    assert.deepEqual(firehose.kinesisSourceConfiguration, { kinesisStreamArn: `arn:aws:kinesis:${region}:${account}:stream/telemetry`, roleArn: role });
    const s3 = firehose.extendedS3Configuration;
    assert.equal(s3.roleArn, role);
    assert.equal(s3.bucketArn, "arn:aws:s3:::telemetry-archive-mock1234");
    assert.equal(s3.compressionFormat, "GZIP");
    assert.equal(s3.fileExtension, ".ndjson.gz");
});

test("firehose ends every record with a newline itself, since readings carry none (docs/reading-contract.md)", () => {
    const s3 = program.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "archive-firehose").inputs.extendedS3Configuration;
    // No parameter: the processor's delimiter is the newline. No dynamic partitioning, no conversion.
    assert.deepEqual(s3.processingConfiguration, { enabled: true, processors: [{ type: "AppendDelimiterToRecord" }] });
    assert.equal(s3.dynamicPartitioningConfiguration, undefined);
    assert.equal(s3.dataFormatConversionConfiguration, undefined);
});

test("firehose prefixes and buffering come from config/pipeline.json", () => {
    const s3 = program.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "archive-firehose").inputs.extendedS3Configuration;
    assert.equal(s3.prefix, "raw/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/");
    assert.equal(s3.prefix, archive.prefix);
    assert.equal(s3.errorOutputPrefix, archive.errorOutputPrefix);
    // Firehose rejects a prefix with expressions unless the error prefix names the error type.
    assert.match(s3.errorOutputPrefix, /!\{firehose:error-output-type\}/);
    assert.equal(s3.bufferingSize, archive.bufferingSizeMb);
    assert.equal(s3.bufferingInterval, archive.bufferingIntervalSeconds);
});

test("firehose logs delivery errors to its own log group", () => {
    const logging = program.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "archive-firehose").inputs.extendedS3Configuration.cloudwatchLoggingOptions;
    assert.deepEqual(logging, { enabled: true, logGroupName: "/aws/kinesisfirehose/telemetry-archive", logStreamName: "DestinationDelivery" });
});

test("archive moves to Glacier Instant Retrieval after 30 days by default and never expires", () => {
    const [rule] = program.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "archive-lifecycle").inputs.rules;
    assert.equal(rule.status, "Enabled");
    assert.deepEqual(rule.transitions, [{ days: 30, storageClass: "GLACIER_IR" }]);
    assert.equal(rule.expiration, undefined);
});

test("only the archive and its error objects age into cheaper storage, never the query results", () => {
    const rules = program.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "archive-lifecycle").inputs.rules;
    const aging = rules.filter((r: { transitions?: unknown[] }) => r.transitions !== undefined);
    assert.deepEqual(aging.map((r: { filter: { prefix: string } }) => r.filter.prefix), ["raw/year=", "errors/"]);
});

test("bucket name is the global-unique prefix plus Pulumi's suffix, and destroy may empty it by default", () => {
    const bucket = program.one("aws:s3/bucket:Bucket", "archive-bucket").inputs;
    assert.equal(bucket.bucketPrefix, "telemetry-archive-");
    assert.equal(bucket.forceDestroy, true);
});
