import mongoose from 'mongoose';
import { testServerUri, useTestDatabase } from '../helpers/db';
import { contract, rawDb } from './contract';

// Large bulk writes. FerretDB 1.24.2 alone never answers an `update` of about 100 statements and
// then blocks every later write (each statement's query holds one of its 100 SQLite connections
// until the command ends); tools/ferretdb sends such commands one statement at a time and merges
// the replies. These shapes prove the merged reply is MongoDB's, statement indexes included.

useTestDatabase();

type Doc = { _id: string; key: string; v: number };
const docs = () => rawDb().collection<Doc>('bulk');
const size = 1000;
const existing = 600;
const clash = 500;

afterEach(async () => {
  await rawDb().dropDatabase();
});

/** 600 stored documents d0…d599 with a unique `key`, v = 0. */
async function storeExisting() {
  await docs().createIndex({ key: 1 }, { unique: true });
  await docs().insertMany(
    Array.from({ length: existing }, (_, i) => ({ _id: `d${i}`, key: `k${i}`, v: 0 })),
  );
}

/**
 * 1,000 statements: an `$inc` on each stored document, upserts of 400 new ones after them, and at
 * index 500 an upsert whose new document takes the unique key of d1 (a duplicate-key error).
 */
function statements(): mongoose.mongo.AnyBulkWriteOperation<Doc>[] {
  return Array.from({ length: size }, (_, i) => {
    if (i === clash) {
      return {
        updateOne: {
          filter: { _id: 'nouveau' },
          update: { $set: { key: 'k1', v: 1 } },
          upsert: true,
        },
      };
    }
    if (i < existing)
      return { updateOne: { filter: { _id: `d${i}` }, update: { $inc: { v: 1 } } } };
    return {
      updateOne: {
        filter: { _id: `d${i}` },
        update: { $set: { key: `k${i}`, v: 1 } },
        upsert: true,
      },
    };
  });
}

interface BulkFailure {
  result: mongoose.mongo.BulkWriteResult;
  writeErrors: Array<{ index: number; code: number }> | { index: number; code: number };
}

async function failureOf(run: Promise<unknown>): Promise<BulkFailure> {
  try {
    await run;
  } catch (error) {
    return error as BulkFailure;
  }
  throw new Error('the bulk write did not fail');
}

const errorsOf = (f: BulkFailure) =>
  [f.writeErrors].flat().map((e) => ({ index: e.index, code: e.code }));

contract('bulkWrite of 1,000 updateOne with upserts (ordered)', () => {
  it('when statement 500 breaks a unique index, then the 500 before it are applied, none after, and the error names index 500', async () => {
    await storeExisting();
    const failure = await failureOf(docs().bulkWrite(statements(), { ordered: true }));
    expect(errorsOf(failure)).toEqual([{ index: clash, code: 11000 }]);
    expect([failure.result.matchedCount, failure.result.modifiedCount]).toEqual([clash, clash]);
    expect(failure.result.upsertedCount).toBe(0);
    const values = await docs()
      .find({}, { sort: { _id: 1 } })
      .toArray();
    expect(values).toHaveLength(existing);
    const applied = values.filter((d) => d.v === 1).map((d) => Number(d._id.slice(1)));
    expect(applied.sort((a, b) => a - b)).toEqual(Array.from({ length: clash }, (_, i) => i));
  });
});

contract('bulkWrite of 1,000 updateOne with upserts (unordered)', () => {
  it('when statement 500 breaks a unique index, then every other statement is applied and each upserted id comes with its statement index', async () => {
    await storeExisting();
    const failure = await failureOf(docs().bulkWrite(statements(), { ordered: false }));
    expect(errorsOf(failure)).toEqual([{ index: clash, code: 11000 }]);
    expect([failure.result.matchedCount, failure.result.modifiedCount]).toEqual([
      existing - 1,
      existing - 1,
    ]);
    const upserted = failure.result.upsertedIds;
    expect(Object.keys(upserted).map(Number)).toEqual(
      Array.from({ length: size - existing }, (_, i) => existing + i),
    );
    expect(upserted[existing]).toBe(`d${existing}`);
    expect(upserted[size - 1]).toBe(`d${size - 1}`);
    expect(await docs().countDocuments({})).toBe(size);
    expect(await docs().countDocuments({ v: 1 })).toBe(size - 1);
    expect(await docs().findOne({ _id: `d${clash}` })).toEqual({
      _id: `d${clash}`,
      key: `k${clash}`,
      v: 0,
    });
  });
});

contract('bulkWrite of 1,000 updateOne from 3 clients at once', () => {
  it('when three clients each increment every document in one bulk write at the same time, then every write lands and later writes still complete', async () => {
    await docs().insertMany(
      Array.from({ length: size }, (_, i) => ({ _id: `d${i}`, key: `k${i}`, v: 0 })),
    );
    const clients = await Promise.all(
      [1, 2, 3].map(() => new mongoose.mongo.MongoClient(testServerUri()).connect()),
    );
    try {
      const results = await Promise.all(
        clients.map((client) =>
          client
            .db(rawDb().databaseName)
            .collection<Doc>('bulk')
            .bulkWrite(
              Array.from({ length: size }, (_, i) => ({
                updateOne: { filter: { _id: `d${i}` }, update: { $inc: { v: 1 } } },
              })),
              { ordered: false },
            ),
        ),
      );
      expect(results.map((r) => r.modifiedCount)).toEqual([size, size, size]);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
    expect(await docs().countDocuments({ v: 3 })).toBe(size);
    await docs().updateOne({ _id: 'd0' }, { $inc: { v: 1 } });
    expect((await docs().findOne({ _id: 'd0' }))?.v).toBe(4);
  });
});

contract('bulkWrite of 1,000 deleteOne', () => {
  it('when 1,000 documents are deleted in one bulk write, then exactly those are gone', async () => {
    await docs().insertMany(
      Array.from({ length: size + 10 }, (_, i) => ({ _id: `d${i}`, key: `k${i}`, v: 0 })),
    );
    const result = await docs().bulkWrite(
      Array.from({ length: size }, (_, i) => ({ deleteOne: { filter: { _id: `d${i}` } } })),
      { ordered: false },
    );
    expect(result.deletedCount).toBe(size);
    expect((await docs().find({}).toArray()).map((d) => d._id).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `d${size + i}`).sort(),
    );
  });
});
