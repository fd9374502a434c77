// Point reads that cannot return an overwritten value, for the two LevelDB bindings of the local emulators.
//
// dynalite (classic-level 3.0.0) and kinesalite (leveldown 5.6.0) both vendor LevelDB 1.20. That version has a
// compaction bug (google/leveldb issue 320, fixed upstream in 1.21 by pull request 339): when snapshots keep several
// versions of one key alive, a compaction can move the newer versions one level down while an older version stays
// above, and a point read, which stops at the first level holding the key, then answers with the older version.
// Iterators merge every level by sequence number and always see the newest version. Under the load of a
// 2000-device demo, dynalite answered a GetItem with version 9 of a rollup item after version 18 had been
// acknowledged, so a conditional write on version 9 was accepted and nine readings were lost (docs/local-emulators.md).
//
// So every point read is served by a one-key iterator. It costs a little more per read; the emulators never have to
// be trusted for a stale answer again.
'use strict';

// classic-level (abstract-level 3): `_get(key, options)` resolves to the stored value in options.valueEncoding's
// format, or undefined when the key is absent.
function patchClassicLevel(ClassicLevel) {
  ClassicLevel.prototype._get = async function getNewest(key, options) {
    const iterator = this.values({
      gte: key,
      lte: key,
      limit: 1,
      keyEncoding: typeof key === 'string' ? 'utf8' : 'view',
      valueEncoding: options.valueEncoding,
    });
    try {
      const [value] = await iterator.nextv(1);
      return value;
    } finally {
      await iterator.close();
    }
  };
}

// leveldown (abstract-leveldown 6): `_get(key, options, callback)` with a serialized key; an absent key is the
// error LevelDB's binding gives, which levelup recognises by its 'NotFound' message.
function patchLevelDown(LevelDOWN) {
  LevelDOWN.prototype._get = function getNewest(key, options, callback) {
    const iterator = this.iterator({ gte: key, lte: key, limit: 1, keys: false, values: true, valueAsBuffer: options.asBuffer });
    iterator.next((error, _key, value) => {
      iterator.end((endError) => {
        if (error || endError) return callback(error || endError);
        if (value === undefined) return callback(new Error('NotFound: '));
        callback(null, value);
      });
    });
  };
}

module.exports = { patchClassicLevel, patchLevelDown };
