// Starts kinesalite on 127.0.0.1: its own CLI listens on every interface, the local stack stays on loopback.
// Usage: node kinesalite.js --port <port> --path <dir> [kinesalite options]
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
