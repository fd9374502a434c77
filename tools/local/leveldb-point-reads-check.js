// Shows LevelDB 1.20's stale point read (google/leveldb issue 320) in a binding of the local emulators, and that
// leveldb-point-reads.js closes it. Prints one JSON line: {"binding","patched","rounds","gets","stale"}.
// Usage: node leveldb-point-reads-check.js <classic-level|leveldown> <patched|unpatched> [rounds]
//
// Each round builds, in a fresh store, the layout the bug needs, with explicit compactions so that nothing depends on
// timing (LevelDB never makes a table file smaller than 1 MiB, so the values are large):
//   1. 'a', then 'c', each compacted alone: both land on level 2, as two files.
//   2. 'a' and 'c' again, compacted: they overlap level 2, so the file lands on level 1, spanning a..c.
//   3. An open iterator (it holds a snapshot, so every later version of a key is kept), then five 400 KiB
//      versions of 'b', compacted into level 1: the output splits at 1 MiB, [a, b5, b4, b3] and [b2, b1, c].
//   4. Compacting 'a' alone moves only the first of those files to level 2 (taking the second too would drag
//      level 2's 'c' in). Level 1 now holds b2 and level 2 holds b5.
// A point read of 'b' that stops at level 1 answers b2; the newest is b5.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { promisify } = require('util');
const { patchClassicLevel, patchLevelDown } = require('./leveldb-point-reads');

const [binding, mode, roundsArgument] = process.argv.slice(2);
const rounds = Number(roundsArgument || 3);
if (!['classic-level', 'leveldown'].includes(binding) || !['patched', 'unpatched'].includes(mode) || !(rounds > 0)) {
  console.error('usage: node leveldb-point-reads-check.js <classic-level|leveldown> <patched|unpatched> [rounds]');
  process.exit(2);
}

const bigValue = 400 * 1024;
const storeOptions = { maxFileSize: 1 << 20, writeBufferSize: 64 << 20, compression: false, cacheSize: 0 };

function value(tag) {
  const bytes = Buffer.alloc(tag.startsWith('b') ? bigValue : 100, 0x2e);
  bytes.write(`${tag}|`, 0, 'latin1');
  return bytes;
}

const tagOf = (bytes) => (bytes == null ? 'absent' : Buffer.from(bytes).toString('latin1', 0, 16).split('|')[0]);

// The same few operations on either binding, as promises.
async function openStore(location) {
  if (binding === 'classic-level') {
    const { ClassicLevel } = require('classic-level');
    if (mode === 'patched') patchClassicLevel(ClassicLevel);
    const db = new ClassicLevel(location, { ...storeOptions, keyEncoding: 'utf8', valueEncoding: 'buffer' });
    await db.open();
    return {
      put: (key, bytes) => db.put(key, bytes),
      get: (key) => db.get(key),
      compact: (start, end) => db.compactRange(start, end),
      holdSnapshot: async () => {
        const iterator = db.iterator();
        return () => iterator.close();
      },
      close: () => db.close(),
    };
  }

  const LevelDOWN = require('leveldown');
  if (mode === 'patched') patchLevelDown(LevelDOWN);
  const db = LevelDOWN(location);
  await promisify(db.open.bind(db))(storeOptions);
  return {
    put: promisify(db.put.bind(db)),
    get: (key) => promisify(db.get.bind(db))(key, { asBuffer: true }).catch((error) => {
      if (/notfound/i.test(error.message)) return undefined;
      throw error;
    }),
    compact: promisify(db.compactRange.bind(db)),
    holdSnapshot: async () => {
      const iterator = db.iterator();
      return promisify(iterator.end.bind(iterator));
    },
    close: promisify(db.close.bind(db)),
  };
}

async function round(location) {
  const store = await openStore(location);
  // Compacting a range that holds no key still writes the memtable out first.
  const flush = () => store.compact('~empty-0', '~empty-1');
  await store.put('a', value('a0'));
  await flush();
  await store.put('c', value('c0'));
  await flush();
  await store.put('a', value('a1'));
  await store.put('c', value('c1'));
  await flush();

  const release = await store.holdSnapshot();
  for (let version = 1; version <= 5; version++) await store.put('b', value(`b${version}`));
  await flush();
  await store.compact('b', 'b');
  await store.compact('a', 'a');

  const answers = [[await store.get('a'), 'a1'], [await store.get('b'), 'b5'], [await store.get('c'), 'c1']];
  await release();
  await store.close();
  return answers.filter(([read, newest]) => tagOf(read) !== newest).length;
}

(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-leveldb-check-'));
  try {
    let stale = 0;
    for (let i = 0; i < rounds; i++) stale += await round(path.join(root, String(i)));
    console.log(JSON.stringify({ binding, patched: mode === 'patched', rounds, gets: rounds * 3, stale }));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
