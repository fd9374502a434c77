// aws-kinesis-agg, run for the interop tests. Input is a JSON file; output is JSON on stdout.
//   node kpl.cjs deaggregate FILE  FILE: [{partitionKey, sequenceNumber, data: base64}] Kinesis records
//                                  prints [{partitionKey, explicitPartitionKey, sequenceNumber, subSequenceNumber, data}]
//   node kpl.cjs aggregate FILE    FILE: [{partitionKey, explicitHashKey?, data: base64}] user records
//                                  prints [{partitionKey, explicitHashKey, data: base64}] aggregated records
'use strict';
const fs = require('fs');
const agg = require('aws-kinesis-agg');

const [mode, file] = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(file, 'utf8'));

function fail(error) {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
}

if (mode === 'deaggregate') {
  const out = [];
  for (const record of input) {
    agg.deaggregateSync(record, true, (error, userRecords) => {
      if (error) fail(error);
      for (const u of userRecords) {
        out.push({
          partitionKey: u.partitionKey,
          explicitPartitionKey: u.explicitPartitionKey ?? null,
          sequenceNumber: u.sequenceNumber,
          subSequenceNumber: u.subSequenceNumber ?? null,
          data: u.data,
        });
      }
    });
  }
  process.stdout.write(JSON.stringify(out));
} else if (mode === 'aggregate') {
  const records = input.map(r => ({
    partitionKey: r.partitionKey,
    explicitHashKey: r.explicitHashKey ?? undefined,
    data: Buffer.from(r.data, 'base64'),
  }));
  const out = [];
  agg.aggregate(
    records,
    (encoded, done) => {
      out.push({
        partitionKey: encoded.partitionKey,
        explicitHashKey: encoded.ExplicitHashKey ?? encoded.explicitHashKey ?? null,
        data: encoded.data.toString('base64'),
      });
      done();
    },
    () => process.stdout.write(JSON.stringify(out)),
    fail);
} else {
  fail(`unknown mode '${mode}': use deaggregate or aggregate`);
}
