// Starts kinesalite on 127.0.0.1: its own CLI listens on every interface, the local stack stays on loopback. Its point
// reads go through leveldb-point-reads.js, as dynalite's do: the stream's metadata, rewritten by every PutRecords,
// must never be read back older than written. Its AT_TIMESTAMP iterators go through kinesalite-at-timestamp.js.
// Usage: node kinesalite.js --port <port> --path <dir> [kinesalite options]
require('./leveldb-point-reads').patchLevelDown(require('leveldown'));
// GetShardIterator AT_TIMESTAMP with no record at or after the time must answer, as in AWS (see the file).
require('./kinesalite-at-timestamp').patchAtTimestamp();
const argv = require('minimist')(process.argv.slice(2));
const kinesalite = require('kinesalite');

const port = Number(argv.port || 4567);
const server = kinesalite(argv).listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log('Listening at http://%s:%s', address.address, address.port);
});
server.on('error', (err) => {
  console.error(err.message);
  process.exit(1);
});
