// The hour partitions the Glue table projects, as Firehose names them: its `!{timestamp:…}` and Athena's date
// projection both read Java DateTimeFormatter patterns, in UTC.
const hourPartitions = "year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/";

/** Where the archive's objects are, as the Glue table must describe them. */
export interface ArchiveLayout {
    /** The folder holding every partition, e.g. `raw/`: the table's location. */
    base: string;
    /** Athena's `storage.location.template` below the bucket, e.g. `raw/year=${year}/month=${month}/day=${day}/hour=${hour}/`. */
    partitionTemplate: string;
}

/**
 * The layout of archive.prefix of config/pipeline.json. Throws for a prefix the table cannot project: the table
 * would then read nothing, and a deployment should fail its preview rather than hand out an empty table.
 */
export function archiveLayout(prefix: string): ArchiveLayout {
    const base = prefix.endsWith(hourPartitions) ? prefix.slice(0, -hourPartitions.length) : undefined;
    if (base === undefined || !/^([A-Za-z0-9_.-]+\/)+$/.test(base)) {
        throw new Error(`archive.prefix must be a folder such as 'raw/' followed by '${hourPartitions}', the hour partitions the Glue table projects; it is '${prefix}'.`);
    }
    return { base, partitionTemplate: `${base}year=\${year}/month=\${month}/day=\${day}/hour=\${hour}/` };
}
