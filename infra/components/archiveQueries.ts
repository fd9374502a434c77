import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ArchiveQueriesArgs {
    namePrefix: string;
    bucketName: pulumi.Input<string>;
    keyArn: pulumi.Input<string>;
    databaseName: pulumi.Input<string>;
    tableName: pulumi.Input<string>;
    forceDestroy: boolean;
}

/** Where Athena writes query results: beside the archive, under the bucket's own encryption and TLS-only policy. */
export const athenaResultsPrefix = "athena-results/";

/** Athena over the archive: a workgroup that fixes where results go and how they are encrypted, and the documented query. */
export class ArchiveQueries extends pulumi.ComponentResource {
    readonly workgroup: aws.athena.Workgroup;
    readonly readingsPerDeviceHour: aws.athena.NamedQuery;

    constructor(name: string, args: ArchiveQueriesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("telemetry:index:ArchiveQueries", name, {}, opts);
        this.workgroup = new aws.athena.Workgroup(`${name}-workgroup`, {
            name: `${args.namePrefix}-archive`,
            description: "SQL over the raw archive (docs/archive-sql.md)",
            // Like the bucket: removable with what users saved in it unless deletion protection is on.
            forceDestroy: args.forceDestroy,
            configuration: {
                // A client's own output location or encryption would otherwise win, and results could leave the bucket unencrypted.
                enforceWorkgroupConfiguration: true,
                publishCloudwatchMetricsEnabled: true,
                resultConfiguration: {
                    outputLocation: pulumi.interpolate`s3://${args.bucketName}/${athenaResultsPrefix}`,
                    encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: args.keyArn },
                },
            },
        }, { parent: this });

        this.readingsPerDeviceHour = new aws.athena.NamedQuery(`${name}-readings-per-device-hour`, {
            name: "readings per device per hour",
            description: "Readings per device and hour of device time, from what was archived today (UTC)",
            workgroup: this.workgroup.name,
            database: args.databaseName,
            query: pulumi.all([args.databaseName, args.tableName]).apply(([database, table]) => readingsPerDeviceHour(database, table)),
        }, { parent: this });

        this.registerOutputs({ workgroupName: this.workgroup.name, readingsPerDeviceHourQueryId: this.readingsPerDeviceHour.id });
    }
}

/**
 * The query docs/archive-sql.md documents. `records` counts archived copies, `readings` distinct readings by their
 * identity (device, boot, seq; docs/reading-identity.md): Firehose delivers at least once, so the two can differ.
 * try() keeps a record whose timestamp is not ISO-8601 from failing the whole query.
 */
export function readingsPerDeviceHour(database: string, table: string): string {
    return `SELECT deviceid AS device_id,
       date_trunc('hour', try(from_iso8601_timestamp("timestamp"))) AS hour,
       count(*) AS records,
       count(DISTINCT cast(coalesce(boot, 0) AS varchar) || ':' || cast(seq AS varchar)) AS readings
FROM "${database}"."${table}"
WHERE year = cast(year(current_date) AS varchar)
  AND month = month(current_date)
  AND day = day(current_date)
  AND deviceid IS NOT NULL
GROUP BY 1, 2
ORDER BY 1, 2
`;
}
