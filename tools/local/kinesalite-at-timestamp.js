// kinesalite answers GetShardIterator AT_TIMESTAMP by looking for the shard's first record that arrived at or after
// the timestamp, and never answers when there is none (the request hangs until the client gives up). AWS answers
// with an iterator that returns whatever arrives from then on: a replay from a recent time, or an idle shard, reads
// nothing and moves on. This wraps the action so that, with no such record, it answers as for LATEST, which is that.
// It must run before kinesalite is first required: kinesalite takes its actions from require's cache when it loads.
exports.patchAtTimestamp = function patchAtTimestamp() {
  const path = require.resolve('kinesalite/actions/getShardIterator');
  const original = require(path);
  const db = require('kinesalite/db');

  require.cache[path].exports = function getShardIterator(store, data, cb) {
    if (data.ShardIteratorType !== 'AT_TIMESTAMP' || data.Timestamp == null || data.Timestamp * 1000 > Date.now()) {
      return original(store, data, cb);
    }
    let shardIx;
    try {
      shardIx = db.resolveShardId(data.ShardId).shardIx;
    } catch (e) {
      return original(store, data, cb); // it reports the bad shard id
    }
    store.getStream(data.StreamName, (err) => {
      if (err) return original(store, data, cb); // it reports the missing stream
      let answered = false;
      const answer = (found) => {
        if (answered) return;
        answered = true;
        if (found) return original(store, data, cb);
        const latest = Object.assign({}, data, { ShardIteratorType: 'LATEST' });
        delete latest.Timestamp;
        original(store, latest, cb);
      };
      const records = store.getStreamDb(data.StreamName)
        .createReadStream({ gt: db.shardIxToHex(shardIx), lt: db.shardIxToHex(shardIx + 1) });
      records.on('data', (item) => {
        if (item.value.ApproximateArrivalTimestamp >= data.Timestamp) {
          answer(true);
          records.destroy();
        }
      });
      records.on('end', () => answer(false));
      records.on('close', () => answer(false));
      records.on('error', () => answer(false));
    });
  };
};
