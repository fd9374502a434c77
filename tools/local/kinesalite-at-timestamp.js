// kinesalite answers GetShardIterator AT_TIMESTAMP by looking for the shard's first record that arrived at or after
// the timestamp, and never answers when there is none (the request hangs until the client gives up). AWS answers
// with an iterator that returns whatever arrives from then on: a replay from a recent time, or an idle shard, reads
// nothing and moves on. This wraps the action: one scan of the shard, then the answer as a sequence-number iterator,
// at the first record at or after the time, or else just after the last record scanned (the shard's start when it
// has none), so that a record stored while the scan ran is still read. The scan's errors go to the caller.
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
    store.getStream(data.StreamName, (err, stream) => {
      if (err || shardIx >= stream.Shards.length) return original(store, data, cb); // it reports what is missing
      let answered = false;
      let lastSeq = null;
      const answer = (error, type, seq) => {
        if (answered) return;
        answered = true;
        if (error) return cb(error);
        const asked = Object.assign({}, data, { ShardIteratorType: type });
        delete asked.Timestamp;
        if (seq) asked.StartingSequenceNumber = seq;
        original(store, asked, cb);
      };
      const records = store.getStreamDb(data.StreamName)
        .createReadStream({ gt: db.shardIxToHex(shardIx), lt: db.shardIxToHex(shardIx + 1) });
      records.on('data', (item) => {
        if (answered) return;
        const seq = item.key.split('/')[1];
        if (item.value.ApproximateArrivalTimestamp >= data.Timestamp) {
          answer(null, 'AT_SEQUENCE_NUMBER', seq);
          records.destroy();
        } else {
          lastSeq = seq;
        }
      });
      const noMatch = () => (lastSeq ? answer(null, 'AFTER_SEQUENCE_NUMBER', lastSeq) : answer(null, 'TRIM_HORIZON'));
      records.on('end', noMatch);
      records.on('close', noMatch);
      records.on('error', (e) => answer(e));
    });
  };
};
