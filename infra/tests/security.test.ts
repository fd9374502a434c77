import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { readPipelineFile } from "../pipelineFile";
import { account, asArray, Program, region, runProgram, statementsOf } from "./harness";

let program: Program;
before(async () => { program = await runProgram(); });

const keyArn = `arn:aws:kms:${region}:${account}:key/encryption-key-id`;

describe("encryption at rest", () => {
    test("stream is KMS-encrypted with the pipeline key", () => {
        const stream = program.one("aws:kinesis/stream:Stream", "ingestion-stream").inputs;
        assert.equal(stream.encryptionType, "KMS");
        assert.equal(stream.kmsKeyId, keyArn);
    });

    test("table has server-side encryption on", () => {
        assert.equal(program.one("aws:dynamodb/table:Table", "storage-table").inputs.serverSideEncryption.enabled, true);
    });

    test("bucket defaults to SSE-KMS with the pipeline key and a bucket key", () => {
        const [rule] = program.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "archive-encryption").inputs.rules;
        assert.deepEqual(rule.applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn });
        assert.equal(rule.bucketKeyEnabled, true);
    });

    test("on-failure queues, the alert queue and its dead-letter queue, and topics use the pipeline key", () => {
        const queues = program.ofType("aws:sqs/queue:Queue");
        assert.deepEqual(queues.map(q => q.inputs.name).sort(), ["telemetry-aggregator-failures", "telemetry-alerter-failures", "telemetry-alerts", "telemetry-alerts-dlq"]);
        for (const queue of queues) {
            assert.equal(queue.inputs.kmsMasterKeyId, keyArn, queue.name);
        }
        const topics = program.ofType("aws:sns/topic:Topic");
        assert.equal(topics.length, 2);
        for (const topic of topics) {
            assert.equal(topic.inputs.kmsMasterKeyId, keyArn, topic.name);
        }
    });

    test("pipeline key rotates, is administered through IAM, and lets alarms, alert rules and the alert topic encrypt messages", () => {
        const key = program.one("aws:kms/key:Key", "encryption-key").inputs;
        assert.equal(key.enableKeyRotation, true);
        const [root, services] = statementsOf(key.policy);
        assert.deepEqual(root.Principal, { AWS: `arn:aws:iam::${account}:root` });
        assert.deepEqual(services.Principal, { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com", "sns.amazonaws.com"] });
        assert.deepEqual(services.Action, ["kms:GenerateDataKey", "kms:Decrypt"]);
        assert.equal(statementsOf(key.policy).length, 2);
    });
});

describe("archive bucket access", () => {
    test("public access is blocked in all four ways", () => {
        const block = program.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "archive-public-access").inputs;
        assert.deepEqual(
            [block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets],
            [true, true, true, true]);
    });

    test("bucket policy denies every request without TLS on the bucket and its objects", () => {
        const bucketArn = "arn:aws:s3:::telemetry-archive-mock1234";
        const [deny] = statementsOf(program.one("aws:s3/bucketPolicy:BucketPolicy", "archive-tls-only").inputs.policy);
        assert.equal(deny.Effect, "Deny");
        assert.equal(deny.Principal, "*");
        assert.deepEqual(deny.Action, ["s3:*"]);
        assert.deepEqual(deny.Resource, [bucketArn, `${bucketArn}/*`]);
        assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
    });

    test("objects are owned by the bucket owner (ACLs disabled)", () => {
        assert.equal(program.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "archive-ownership").inputs.rule.objectOwnership, "BucketOwnerEnforced");
    });
});

describe("table", () => {
    test("keys, billing, PITR and TTL follow docs/rollup-table.md", () => {
        const table = program.one("aws:dynamodb/table:Table", "storage-table").inputs;
        assert.equal(table.name, "telemetry-rollups");
        assert.equal(table.billingMode, "PAY_PER_REQUEST");
        assert.equal(table.hashKey, "pk");
        assert.equal(table.rangeKey, "sk");
        assert.deepEqual(table.attributes, [{ name: "pk", type: "S" }, { name: "sk", type: "S" }]);
        assert.equal(table.pointInTimeRecovery.enabled, true);
        assert.deepEqual(table.ttl, { attributeName: "expiresAt", enabled: true });
        assert.equal(table.deletionProtectionEnabled, false);
    });
});

describe("every policy document", () => {
    const policyInputs = ["policy", "assumeRolePolicy", "policyDocument"];
    const documents = () => program.resources.flatMap(r =>
        policyInputs.filter(k => typeof r.inputs[k] === "string").map(k => ({ where: `${r.type} ${r.name}.${k}`, type: r.type, statements: statementsOf(r.inputs[k]) })));

    test("covers the roles, role policies, key, bucket, topics and log resource policies", () => {
        const types = new Set(documents().map(d => d.type));
        assert.deepEqual([...types].sort(), [
            "aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy",
            "aws:kms/key:Key", "aws:s3/bucketPolicy:BucketPolicy", "aws:sns/topicPolicy:TopicPolicy", "aws:sqs/queuePolicy:QueuePolicy",
        ]);
    });

    test("names ARNs as resources, never '*' (a key policy's '*' means the key itself)", () => {
        for (const d of documents()) {
            for (const s of d.statements) {
                const resources = asArray<string>(s.Resource);
                if (d.type === "aws:iam/role:Role") {
                    assert.deepEqual(resources, [], `${d.where}: trust policies name principals, not resources`);
                } else if (d.type === "aws:kms/key:Key") {
                    assert.deepEqual(resources, ["*"], d.where);
                } else {
                    assert.ok(resources.length > 0, `${d.where} ${s.Sid}: no resource`);
                    for (const resource of resources) {
                        assert.ok(isScopedArn(resource), `${d.where} ${s.Sid}: '${resource}' is not a scoped ARN`);
                    }
                }
            }
        }
    });

    // A whole ARN without '*', or one of two wildcards: the objects of a bucket of ours (`<bucketArn>/*`) and the
    // streams of a log group of ours (`<logGroupArn>:log-stream:*`).
    function isScopedArn(resource: string): boolean {
        const ownArns = (type: string) => program.ofType(type).map(r => r.state.arn as string);
        const wildcard = /^(.+?)(\/\*|:log-stream:\*)$/.exec(resource);
        if (wildcard !== null) {
            const [, prefix, suffix] = wildcard;
            const owners = ownArns(suffix === "/*" ? "aws:s3/bucket:Bucket" : "aws:cloudwatch/logGroup:LogGroup");
            return owners.includes(prefix) && !prefix.includes("*");
        }
        return /^arn:aws:[a-z0-9-]+:([a-z0-9-]+)?:(\d{12})?:[^*]+$/.test(resource);
    }

    test("the scoped-ARN check refuses wildcards beyond a bucket's objects and a log group's streams", () => {
        for (const wide of [
            "*", "arn:aws:s3:::*", "arn:aws:s3:::telemetry-archive-*", "arn:aws:s3:::other-bucket/*",
            `arn:aws:sqs:${region}:${account}:*`, `arn:aws:dynamodb:${region}:${account}:table/*`,
            `arn:aws:dynamodb:${region}:${account}:table/telemetry-rollups/*`, `arn:aws:kinesis:${region}:${account}:stream/*`,
            `arn:aws:logs:${region}:${account}:log-group:*`, `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/*:log-stream:*`,
            `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/other:log-stream:*`, `arn:aws:lambda:${region}:*:function:x`,
        ]) {
            assert.equal(isScopedArn(wide), false, wide);
        }
        assert.equal(isScopedArn(`${program.ofType("aws:s3/bucket:Bucket")[0].state.arn}/*`), true);
        assert.equal(isScopedArn(`arn:aws:logs:${region}:${account}:log-group:/aws/lambda/telemetry-aggregator:log-stream:*`), true);
        assert.equal(isScopedArn(`arn:aws:dynamodb:${region}:${account}:table/telemetry-rollups`), true);
    });

    test("allows no wildcard action except the account's own administration of its key", () => {
        for (const d of documents()) {
            for (const s of d.statements.filter(x => x.Effect === "Allow")) {
                for (const action of asArray<string>(s.Action)) {
                    const adminOfKey = d.type === "aws:kms/key:Key" && action === "kms:*" && s.Principal?.AWS === `arn:aws:iam::${account}:root`;
                    assert.ok(adminOfKey || !action.includes("*"), `${d.where} ${s.Sid}: wildcard action ${action}`);
                }
            }
        }
    });

    test("trusts exactly one service per role: Lambda for functions, Firehose for the archive", () => {
        const trusted = program.ofType("aws:iam/role:Role").map(r => `${r.name}: ${statementsOf(r.inputs.assumeRolePolicy)[0].Principal.Service}`).sort();
        const { functions, schedules } = readPipelineFile();
        const functionRoles = [...Object.keys(functions), ...Object.keys(schedules)].map(k => `processing-${k}-role: lambda.amazonaws.com`);
        assert.deepEqual(trusted, ["archive-firehose-role: firehose.amazonaws.com", ...functionRoles].sort());
        assert.ok(trusted.includes("processing-watchdog-role: lambda.amazonaws.com"));
    });
});
