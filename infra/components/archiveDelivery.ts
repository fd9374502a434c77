import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArchiveFormat } from "../pipelineFile";
import { AwsContext, Statement } from "../policy";

type S3Destination = aws.types.input.kinesis.FirehoseDeliveryStreamExtendedS3Configuration;

/** The part of Firehose's S3 destination that the archive's format decides. */
export type DeliveryFormat = Pick<S3Destination, "compressionFormat" | "fileExtension" | "processingConfiguration" | "dataFormatConversionConfiguration">;

/** The Glue table Parquet conversion takes its schema from, and the role Firehose reads it with. */
export interface ArchiveSchema {
    databaseName: pulumi.Input<string>;
    tableName: pulumi.Input<string>;
    roleArn: pulumi.Input<string>;
}

/** How Firehose writes each format (docs/archive-sql.md). */
export function deliveryFormat(format: ArchiveFormat, schema: ArchiveSchema): DeliveryFormat {
    switch (format) {
        case "ndjson":
            return {
                compressionFormat: "GZIP",
                fileExtension: ".ndjson.gz",
                // Firehose concatenates records as they are, and readings carry no newline of their own
                // (docs/reading-contract.md): the delimiter processor ends every record, from any producer, with
                // one '\n'. Without a parameter it appends a newline. It needs no dynamic partitioning.
                processingConfiguration: { enabled: true, processors: [{ type: "AppendDelimiterToRecord" }] },
            };
        case "parquet":
            return {
                // Firehose refuses to compress objects it converts; Parquet compresses its own pages (SNAPPY).
                compressionFormat: "UNCOMPRESSED",
                fileExtension: ".parquet",
                // No delimiter: the deserializer reads each record whole, and a Parquet file has no lines. Said
                // explicitly, so a stack switched from ndjson drops the processor instead of keeping it.
                processingConfiguration: { enabled: false },
                dataFormatConversionConfiguration: {
                    enabled: true,
                    inputFormatConfiguration: { deserializer: { openXJsonSerDe: { caseInsensitive: true } } },
                    outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
                    schemaConfiguration: { databaseName: schema.databaseName, tableName: schema.tableName, roleArn: schema.roleArn },
                },
            };
    }
}

/** What the Firehose role needs to read the conversion's schema: the table, its database and the account's catalog. */
export function readSchemaStatement(context: AwsContext, schema: ArchiveSchema): Statement {
    const { partition, region, accountId } = context;
    const glue = (resource: pulumi.Input<string>) => pulumi.interpolate`arn:${partition}:glue:${region}:${accountId}:${resource}`;
    return {
        Sid: "ReadArchiveSchema",
        Effect: "Allow",
        Action: ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"],
        Resource: [glue("catalog"), glue(pulumi.interpolate`database/${schema.databaseName}`), glue(pulumi.interpolate`table/${schema.databaseName}/${schema.tableName}`)],
    };
}
