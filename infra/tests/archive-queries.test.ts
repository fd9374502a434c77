import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, test } from "node:test";
import { readingsPerDeviceHour } from "../components/archiveQueries";
import { repoRoot } from "../pipelineFile";
import { account, Program, region, runProgram } from "./harness";

let program: Program;
before(async () => { program = await runProgram(); });

const workgroup = () => program.one("aws:athena/workgroup:Workgroup", "archive-queries-workgroup").inputs;
const namedQuery = () => program.one("aws:athena/namedQuery:NamedQuery", "archive-queries-readings-per-device-hour").inputs;

test("the Athena workgroup writes results to the archive bucket, encrypted with the pipeline key, whatever a client asks", () => {
    assert.equal(workgroup().name, "telemetry-archive");
    const configuration = workgroup().configuration;
    assert.equal(configuration.enforceWorkgroupConfiguration, true);
    assert.deepEqual(configuration.resultConfiguration, {
        outputLocation: "s3://telemetry-archive-mock1234/athena-results/",
        encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: `arn:aws:kms:${region}:${account}:key/encryption-key-id` },
    });
    assert.equal(configuration.publishCloudwatchMetricsEnabled, true);
    assert.equal(workgroup().forceDestroy, true);
    assert.equal(program.outputs.athenaWorkgroupName, "telemetry-archive");
});

test("query results expire after a week instead of moving to the archive's storage class", () => {
    const rules = program.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "archive-lifecycle").inputs.rules;
    assert.deepEqual(rules.find((r: { id: string }) => r.id === "athena-results-expire"), {
        id: "athena-results-expire", status: "Enabled", filter: { prefix: "athena-results/" }, expiration: { days: 7 },
    });
});

test("the named query counts readings per device and hour on the archive table, in the workgroup, and its id is exported", () => {
    const query = namedQuery();
    assert.equal(query.name, "readings per device per hour");
    assert.equal(query.workgroup, "telemetry-archive");
    assert.equal(query.database, "telemetry_archive");
    assert.equal(query.query, readingsPerDeviceHour("telemetry_archive", "readings"));
    assert.equal(program.outputs.readingsPerDeviceHourQueryId, "archive-queries-readings-per-device-hour-id");
});

test("the query reads today's partitions only, groups by device and hour of device time, and counts readings by identity", () => {
    const sql = readingsPerDeviceHour("db", "t");
    assert.match(sql, /FROM "db"\."t"\n/);
    // Partition columns in the filter keep the scan to today's objects; the year is the projection's string.
    assert.match(sql, /WHERE year = cast\(year\(current_date\) AS varchar\)\n  AND month = month\(current_date\)\n  AND day = day\(current_date\)\n/);
    assert.match(sql, /date_trunc\('hour', try\(from_iso8601_timestamp\("timestamp"\)\)\) AS hour/);
    assert.match(sql, /count\(DISTINCT cast\(coalesce\(boot, 0\) AS varchar\) \|\| ':' \|\| cast\(seq AS varchar\)\) AS readings/);
    assert.match(sql, /GROUP BY 1, 2\nORDER BY 1, 2\n$/);
});

test("docs/archive-sql.md shows the named query as deployed with the default names", () => {
    const doc = fs.readFileSync(path.join(repoRoot(), "docs", "archive-sql.md"), "utf8");
    assert.ok(doc.includes("```sql\n" + readingsPerDeviceHour("telemetry_archive", "readings") + "```\n"), "the query in the doc differs from the deployed one");
});
