// Prints a Parquet file as hyparquet reads it: {"schema": [[name, type, repetition, convertedType]…], "rows": […]}.
// An implementation independent of Parquet.Net, so a test can tell "our writer and our reader agree" from "Parquet".
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'

const file = await asyncBufferFromFile(process.argv[2])
const metadata = await parquetMetadataAsync(file)
const rows = await parquetReadObjects({ file, compressors })
const schema = metadata.schema.slice(1).map(s => [s.name, s.type ?? null, s.repetition_type ?? null, s.converted_type ?? null])
// 64-bit integers come back as BigInt, which JSON cannot hold; the values used fit a double exactly.
console.log(JSON.stringify({ schema, rows }, (_, v) => typeof v === 'bigint' ? Number(v) : v))
