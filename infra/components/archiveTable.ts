import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArchiveLayout } from "../archiveLayout";
import { ArchiveFormat } from "../pipelineFile";

export interface ArchiveTableArgs {
    namePrefix: string;
    bucketName: pulumi.Input<string>;
    layout: ArchiveLayout;
    format: ArchiveFormat;
    /** The first year the projection offers: the year of the stack's first deployment (nothing is archived before it). */
    firstYear: number;
}

// The reading's JSON fields (lib/Telemetry.Contracts/ReadingCodec.cs). Athena's names are lower case; the OpenX JSON
// SerDe (and Firehose's deserializer for Parquet) match keys case-insensitively, so `deviceId` fills `deviceid`.
export const readingColumns: aws.types.input.glue.CatalogTableStorageDescriptorColumn[] = [
    { name: "schemaversion", type: "int" },
    { name: "deviceid", type: "string" },
    { name: "devicetype", type: "string" },
    { name: "site", type: "string" },
    { name: "timestamp", type: "string", comment: "device time, UTC ISO-8601 with milliseconds" },
    { name: "seq", type: "bigint" },
    { name: "boot", type: "bigint", comment: "null in schema version 1, which means boot 0" },
    { name: "metrics", type: "map<string,double>" },
];

// Athena's documented pairing: a date projection (which may end at NOW) for the year, declared string; integers with
// two digits for the rest. A date projection cannot span year/month/day in separate keys, and an integer year would
// need a fixed last year.
const partitionKeys: aws.types.input.glue.CatalogTablePartitionKey[] = [
    { name: "year", type: "string" },
    { name: "month", type: "int" },
    { name: "day", type: "int" },
    { name: "hour", type: "int" },
];

/** The archive as an Athena table: a Glue database and table whose partitions are projected, so no crawler runs. */
export class ArchiveTable extends pulumi.ComponentResource {
    readonly database: aws.glue.CatalogDatabase;
    readonly table: aws.glue.CatalogTable;

    constructor(name: string, args: ArchiveTableArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:ArchiveTable", name, {}, opts);
        // Athena takes lower-case letters, digits and '_' in names without quoting; a name prefix may hold '-'.
        this.database = new aws.glue.CatalogDatabase(`${name}-database`, {
            name: `${args.namePrefix.replace(/-/g, "_")}_archive`,
            description: "The raw archive of readings, as Firehose stores it",
        }, { parent: this });

        const location = pulumi.interpolate`s3://${args.bucketName}/${args.layout.base}`;
        this.table = new aws.glue.CatalogTable(`${name}-readings`, {
            name: "readings",
            databaseName: this.database.name,
            description: "Every record of the stream, one row per record; partitions by arrival hour (UTC)",
            tableType: "EXTERNAL_TABLE",
            partitionKeys,
            parameters: {
                EXTERNAL: "TRUE",
                classification: args.format === "ndjson" ? "json" : "parquet",
                ...projection(args),
                "storage.location.template": pulumi.interpolate`s3://${args.bucketName}/${args.layout.partitionTemplate}`,
            },
            storageDescriptor: { location, columns: readingColumns, ...storage(args.format) },
        }, { parent: this });

        this.registerOutputs({ databaseName: this.database.name, tableName: this.table.name });
    }
}

function projection(args: ArchiveTableArgs): Record<string, string> {
    const twoDigits = (column: string, first: number, last: number) => ({
        [`projection.${column}.type`]: "integer",
        [`projection.${column}.range`]: `${first},${last}`,
        [`projection.${column}.digits`]: "2",
    });
    return {
        "projection.enabled": "true",
        "projection.year.type": "date",
        "projection.year.format": "yyyy",
        "projection.year.range": `${args.firstYear},NOW`,
        "projection.year.interval": "1",
        "projection.year.interval.unit": "YEARS",
        ...twoDigits("month", 1, 12),
        ...twoDigits("day", 1, 31),
        ...twoDigits("hour", 0, 23),
    };
}

function storage(format: ArchiveFormat): Pick<aws.types.input.glue.CatalogTableStorageDescriptor, "inputFormat" | "outputFormat" | "serDeInfo"> {
    if (format === "parquet") {
        return {
            inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
            outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
            serDeInfo: { serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", parameters: { "serialization.format": "1" } },
        };
    }
    return {
        // Text lines; Athena reads the gzip of `.gz` objects itself.
        inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
        outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        serDeInfo: {
            serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
            // Records are archived raw: a line that is not JSON becomes a row of nulls instead of failing the query.
            parameters: { "case.insensitive": "true", "ignore.malformed.json": "true" },
        },
    };
}
