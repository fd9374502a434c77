import * as aws from "@pulumi/aws";
import { ArchiveFormat } from "../pipelineFile";

type S3Destination = aws.types.input.kinesis.FirehoseDeliveryStreamExtendedS3Configuration;

/** The part of Firehose's S3 destination that the archive's format decides. */
export type DeliveryFormat = Pick<S3Destination, "compressionFormat" | "fileExtension" | "processingConfiguration">;

/** How Firehose writes each format (docs/archive-sql.md). */
export function deliveryFormat(format: ArchiveFormat): DeliveryFormat {
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
            throw new Error("archive.format 'parquet' is not deployable yet.");
    }
}
