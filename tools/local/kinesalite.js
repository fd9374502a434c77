// Starts kinesalite on 127.0.0.1: its own CLI listens on every interface, the local stack stays on loopback. Its point
// reads go through leveldb-point-reads.js, as dynalite's do: the stream's metadata, rewritten by every PutRecords,
// must never be read back older than written.
// Usage: node kinesalite.js --port <port> --path <dir> [kinesalite options]
require('./leveldb-point-reads').patchLevelDown(require('leveldown'));
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
