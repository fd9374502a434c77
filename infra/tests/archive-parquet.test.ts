import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { readPipelineFile } from "../pipelineFile";
import { account, Program, region, runProgram, statementsOf } from "./harness";

// One process per test file (node --test): the Parquet pipeline file stays in this one.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "telemetry-infra-"));
let program: Program;
before(async () => {
    const file = path.join(dir, "pipeline.json");
    const pipeline = readPipelineFile();
    fs.writeFileSync(file, JSON.stringify({ ...pipeline, archive: { ...pipeline.archive, format: "parquet", bufferingSizeMb: 64 } }));
    program = await runProgram({}, { pipelineFile: file });
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const s3 = () => program.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "archive-firehose").inputs.extendedS3Configuration;
const table = () => program.one("aws:glue/catalogTable:CatalogTable", "archive-table-readings").inputs;

test("parquet: Firehose converts JSON records with the Glue table's schema, through its own role", () => {
    assert.deepEqual(s3().dataFormatConversionConfiguration, {
        enabled: true,
        inputFormatConfiguration: { deserializer: { openXJsonSerDe: { caseInsensitive: true } } },
        outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
        schemaConfiguration: { databaseName: "telemetry_archive", tableName: "readings", roleArn: `arn:aws:iam::${account}:role/archive-firehose-role` },
    });
});

test("parquet: objects are uncompressed as Firehose requires with conversion, named .parquet, with the 64 MB buffer", () => {
    assert.equal(s3().compressionFormat, "UNCOMPRESSED");
    assert.equal(s3().fileExtension, ".parquet");
    assert.equal(s3().bufferingSize, 64);
    // The delimiter belongs to NDJSON: a Parquet file has no lines.
    assert.deepEqual(s3().processingConfiguration, { enabled: false });
});

test("parquet: the Firehose role may read the schema, and only that table, its database and the catalog", () => {
    const policy = program.one("aws:iam/rolePolicy:RolePolicy", "archive-firehose-policy").inputs.policy;
    const glue = statementsOf(policy).find(s => s.Sid === "ReadArchiveSchema");
    const arn = (resource: string) => `arn:aws:glue:${region}:${account}:${resource}`;
    assert.deepEqual(glue, {
        Sid: "ReadArchiveSchema",
        Effect: "Allow",
        Action: ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"],
        Resource: [arn("catalog"), arn("database/telemetry_archive"), arn("table/telemetry_archive/readings")],
    });
});

test("parquet: the table reads Parquet with the same columns and projected partitions", () => {
    const storage = table().storageDescriptor;
    assert.equal(storage.inputFormat, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
    assert.equal(storage.outputFormat, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
    assert.deepEqual(storage.serDeInfo, { serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", parameters: { "serialization.format": "1" } });
    assert.equal(table().parameters.classification, "parquet");
    assert.equal(storage.columns.length, 8);
    assert.equal(table().parameters["projection.enabled"], "true");
    assert.equal(table().parameters["storage.location.template"], "s3://telemetry-archive-mock1234/raw/year=${year}/month=${month}/day=${day}/hour=${hour}/");
});
