import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, test } from "node:test";
import { archiveLayout } from "../archiveLayout";
import { repoRoot } from "../pipelineFile";
import { Program, runProgram } from "./harness";

let program: Program;
before(async () => { program = await runProgram(); });

const table = () => program.one("aws:glue/catalogTable:CatalogTable", "archive-table-readings").inputs;

test("the archive's Glue database and table are named for Athena (no '-') and exported", () => {
    assert.equal(program.one("aws:glue/catalogDatabase:CatalogDatabase", "archive-table-database").inputs.name, "telemetry_archive");
    assert.equal(table().name, "readings");
    assert.equal(table().databaseName, "telemetry_archive");
    assert.equal(table().tableType, "EXTERNAL_TABLE");
    assert.deepEqual([program.outputs.glueDatabaseName, program.outputs.glueTableName], ["telemetry_archive", "readings"]);
});

test("columns are the reading's JSON fields in lower case, with their types", () => {
    const columns = table().storageDescriptor.columns.map((c: { name: string; type: string }) => `${c.name} ${c.type}`);
    assert.deepEqual(columns, [
        "schemaversion int", "deviceid string", "devicetype string", "site string",
        "timestamp string", "seq bigint", "boot bigint", "metrics map<string,double>",
    ]);
});

test("every field the codec writes has its column (the SerDe matches keys case-insensitively)", () => {
    const codec = fs.readFileSync(path.join(repoRoot(), "lib", "Telemetry.Contracts", "ReadingCodec.cs"), "utf8");
    const fields = [...codec.matchAll(/writer\.Write(?:Number|String|StartObject)\("(\w+)"/g)].map(m => m[1]);
    assert.deepEqual(fields, ["schemaVersion", "deviceId", "deviceType", "site", "timestamp", "seq", "boot", "metrics"]);
    assert.deepEqual(table().storageDescriptor.columns.map((c: { name: string }) => c.name), fields.map(f => f.toLowerCase()));
});

test("ndjson objects are read as gzip text lines by the OpenX JSON SerDe, case-insensitive, a malformed line a row of nulls", () => {
    const storage = table().storageDescriptor;
    assert.equal(storage.location, "s3://telemetry-archive-mock1234/raw/");
    assert.equal(storage.inputFormat, "org.apache.hadoop.mapred.TextInputFormat");
    assert.equal(storage.outputFormat, "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
    assert.deepEqual(storage.serDeInfo, {
        serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
        parameters: { "case.insensitive": "true", "ignore.malformed.json": "true" },
    });
    assert.equal(table().parameters.classification, "json");
});

test("partitions are projected from Firehose's hour prefix, so no crawler or partition upkeep is needed", () => {
    assert.deepEqual(table().partitionKeys, [
        { name: "year", type: "string" }, { name: "month", type: "int" }, { name: "day", type: "int" }, { name: "hour", type: "int" },
    ]);
    const { EXTERNAL, classification, ...projection } = table().parameters;
    assert.equal(EXTERNAL, "TRUE");
    assert.ok(classification);
    assert.deepEqual(projection, {
        "projection.enabled": "true",
        "projection.year.type": "date",
        "projection.year.format": "yyyy",
        "projection.year.range": "2026,NOW",
        "projection.year.interval": "1",
        "projection.year.interval.unit": "YEARS",
        "projection.month.type": "integer",
        "projection.month.range": "1,12",
        "projection.month.digits": "2",
        "projection.day.type": "integer",
        "projection.day.range": "1,31",
        "projection.day.digits": "2",
        "projection.hour.type": "integer",
        "projection.hour.range": "0,23",
        "projection.hour.digits": "2",
        "storage.location.template": "s3://telemetry-archive-mock1234/raw/year=${year}/month=${month}/day=${day}/hour=${hour}/",
    });
});

test("archiveLayout: the template mirrors the prefix expression for expression", () => {
    assert.deepEqual(archiveLayout("raw/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"), {
        base: "raw/",
        partitionTemplate: "raw/year=${year}/month=${month}/day=${day}/hour=${hour}/",
    });
    assert.equal(archiveLayout("a/b_c/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/").base, "a/b_c/");
});

test("archiveLayout: a prefix the table cannot project fails the preview", () => {
    for (const prefix of [
        "raw/", "raw/!{timestamp:yyyy/MM/dd/HH}/", "raw/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
        "year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
        "!{firehose:random-string}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
    ]) {
        assert.throws(() => archiveLayout(prefix), /archive\.prefix must be a folder such as 'raw\/' followed by 'year=!\{timestamp:yyyy\}/, prefix);
    }
});
