// Starts dynalite with point reads that LevelDB 1.20 cannot answer from an overwritten version (see
// leveldb-point-reads.js). Usage: node dynalite.js --host 127.0.0.1 --port <port> --path <dir> [dynalite options]
'use strict';

const { ClassicLevel } = require('classic-level');
require('./leveldb-point-reads').patchClassicLevel(ClassicLevel);

// dynalite's CLI parses the same arguments; it must load after the patch so that its store uses the patched class.
require('dynalite/cli.js');
