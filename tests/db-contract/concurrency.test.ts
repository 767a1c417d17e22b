import mongoose from 'mongoose';
import { testServerUri, useTestDatabase } from '../helpers/db';
import { contract, errorCode, rawDb } from './contract';

// The probe that found FerretDB 1.24 losing updates (40 concurrent $inc → 3): 8 independent
// clients, as separate app processes would be, each with its own connections, 40 operations sent
// at the same time on one document.
const { name } = useTestDatabase();
jest.setTimeout(60_000);

type Slot = { _id: string; n: number; taken: number };
let clients: mongoose.mongo.MongoClient[] = [];

beforeAll(async () => {
  clients = await Promise.all(
    Array.from({ length: 8 }, () => new mongoose.mongo.MongoClient(testServerUri()).connect()),
  );
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});
afterEach(async () => {
  await rawDb().dropDatabase();
});

/** The collection as seen by the i-th client (round robin). */
const slots = (i: number) => clients[i % clients.length].db(name).collection<Slot>('slots');
const forty = <T>(operation: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: 40 }, (_, i) => operation(i)));

contract('concurrent updateOne $inc', () => {
  it('when 40 increments arrive at once from 8 clients, then the counter is 40', async () => {
    await slots(0).insertOne({ _id: 'a', n: 0, taken: 0 });
    await forty((i) => slots(i).updateOne({ _id: 'a' }, { $inc: { n: 1 } }));
    expect((await slots(0).findOne({ _id: 'a' }))?.n).toBe(40);
  });
});

contract('concurrent findOneAndUpdate $inc', () => {
  it('when 40 clients each take the next number at once, then they get 40 distinct numbers', async () => {
    await slots(0).insertOne({ _id: 'a', n: 0, taken: 0 });
    const taken = await forty((i) =>
      slots(i).findOneAndUpdate({ _id: 'a' }, { $inc: { n: 1 } }, { returnDocument: 'after' }),
    );
    expect(new Set(taken.map((doc) => doc?.n)).size).toBe(40);
  });
});

contract('concurrent conditional updateOne {_id, counter: {$lt: capacity}}', () => {
  it('when 40 people take seats of a capacity of 10 at once, then exactly 10 succeed', async () => {
    await slots(0).insertOne({ _id: 'a', n: 0, taken: 0 });
    const results = await forty((i) =>
      slots(i).updateOne({ _id: 'a', taken: { $lt: 10 } }, { $inc: { taken: 1 } }),
    );
    expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(10);
    expect((await slots(0).findOne({ _id: 'a' }))?.taken).toBe(10);
  });
});

contract('concurrent insertOne on a unique key', () => {
  it('when 40 clients insert the same key at once, then one succeeds and 39 get a duplicate key error', async () => {
    await slots(0).createIndex({ n: 1 }, { unique: true });
    const codes = await forty((i) =>
      errorCode(slots(i).insertOne({ _id: `s${i}`, n: 7, taken: 0 })),
    );
    expect(codes.filter((c) => c === 'no error')).toHaveLength(1);
    expect(codes.filter((c) => c === 11000)).toHaveLength(39);
  });
});

contract('w:0 write then reads on the same connection', () => {
  it('when unacknowledged writes are followed by reads on one connection, then every read gets its own answer', async () => {
    const single = await new mongoose.mongo.MongoClient(testServerUri(), {
      maxPoolSize: 1,
    }).connect();
    try {
      const col = single.db(name).collection<Slot>('slots');
      for (let i = 0; i < 5; i++) {
        await col.insertOne({ _id: `w${i}`, n: i, taken: 0 }, { writeConcern: { w: 0 } });
        expect(await col.findOne({ _id: `w${i}` })).toEqual({ _id: `w${i}`, n: i, taken: 0 });
        expect(await col.countDocuments({})).toBe(i + 1);
      }
      // connect-mongo purges expired sessions this way.
      await col.deleteMany({ n: { $lt: 3 } }, { writeConcern: { w: 0 } });
      expect(
        await col
          .find({}, { projection: { _id: 1 } })
          .sort({ _id: 1 })
          .toArray(),
      ).toEqual([{ _id: 'w3' }, { _id: 'w4' }]);
    } finally {
      await single.close();
    }
  });
});
