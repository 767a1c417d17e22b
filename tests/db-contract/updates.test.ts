import mongoose from 'mongoose';
import { useTestDatabase } from '../helpers/db';
import { contract, rawDb } from './contract';

useTestDatabase();

const { ObjectId } = mongoose.mongo;
type Doc = mongoose.mongo.Document;
/** The test collection, typed as each test needs (the driver's types check update operators). */
const responses = <T extends Doc = Doc>() => rawDb().collection<T>('responses');
type Lists = { revisions?: object[]; attachments?: object[] };
type Counters = { hits: number; other?: number };

afterEach(async () => {
  await rawDb().dropDatabase();
});

/** A stored document without its _id. */
async function stored(filter: Doc): Promise<Doc | null> {
  return responses().findOne(filter, { projection: { _id: 0 } });
}

contract('insertOne', () => {
  it('when a document is inserted, then it is stored as given with the id returned', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const { insertedId } = await responses().insertOne({ tokenHash: 'h1', answers: {}, at });
    expect(await responses().findOne({ _id: insertedId })).toEqual({
      _id: insertedId,
      tokenHash: 'h1',
      answers: {},
      at,
    });
  });
});

contract('updateOne $set {"a.b": value}', () => {
  it('when nested fields are set, then siblings are kept and missing parents are created', async () => {
    const { insertedId: _id } = await responses().insertOne({ answers: { q1: 'a' } });
    const result = await responses().updateOne(
      { _id },
      { $set: { 'answers.q2': ['x', 'y'], 'sectionStatus.repondant': 'termine' } },
    );
    expect([result.matchedCount, result.modifiedCount]).toEqual([1, 1]);
    expect(await stored({ _id })).toEqual({
      answers: { q1: 'a', q2: ['x', 'y'] },
      sectionStatus: { repondant: 'termine' },
    });
  });
});

contract('updateOne $unset {"a.b": ""}', () => {
  it('when a nested field is unset with others set, then only it disappears', async () => {
    const { insertedId: _id } = await responses().insertOne({ answers: { q1: 'a', q2: 'b' } });
    await responses().updateOne(
      { _id },
      { $set: { 'answers.q3': 3 }, $unset: { 'answers.q1': '' } },
    );
    expect(await stored({ _id })).toEqual({ answers: { q2: 'b', q3: 3 } });
  });
});

contract('updateOne $push', () => {
  it('when one element is pushed, then it is appended at the end', async () => {
    const { insertedId: _id } = await responses<Lists>().insertOne({ revisions: [{ n: 1 }] });
    await responses<Lists>().updateOne(
      { _id },
      { $push: { revisions: { n: 2, changes: ['q1'] } } },
    );
    expect(await stored({ _id })).toEqual({ revisions: [{ n: 1 }, { n: 2, changes: ['q1'] }] });
  });
});

contract('updateOne $push {$each: [values]}', () => {
  it('when several elements are pushed at once, then they are appended in order', async () => {
    const { insertedId: _id } = await responses<Lists>().insertOne({ attachments: [] });
    const files = [
      { fileId: new ObjectId(), size: 10 },
      { fileId: new ObjectId(), size: 20 },
    ];
    await responses<Lists>().updateOne({ _id }, { $push: { attachments: { $each: files } } });
    expect(await stored({ _id })).toEqual({ attachments: files });
  });
});

contract('updateOne $set {array: [values]}', () => {
  it('when a whole array is replaced, then the stored array is exactly the new one', async () => {
    const kept = { fileId: new ObjectId(), caption: 'plan' };
    const { insertedId: _id } = await responses().insertOne({
      attachments: [kept, { fileId: new ObjectId() }],
    });
    await responses().updateOne({ _id }, { $set: { attachments: [kept] } });
    expect(await stored({ _id })).toEqual({ attachments: [kept] });
  });
});

contract('updateOne $inc', () => {
  it('when a counter is incremented and decremented, then it holds the sum; a missing one starts at 0', async () => {
    const { insertedId: _id } = await responses<Counters>().insertOne({ hits: 5 });
    await responses<Counters>().updateOne({ _id }, { $inc: { hits: 3, other: 2 } });
    await responses<Counters>().updateOne({ _id }, { $inc: { hits: -1 } });
    expect(await stored({ _id })).toEqual({ hits: 7, other: 2 });
  });
});

contract('updateOne {_id, state} (conditional update)', () => {
  it('when the condition holds, then one document is modified; when it no longer does, then none', async () => {
    const { insertedId: _id } = await responses().insertOne({ status: 'brouillon' });
    const send = () =>
      responses().updateOne(
        { _id, status: 'brouillon' },
        { $set: { status: 'envoyee', reference: 'BP-2026-00001' } },
      );
    const first = await send();
    const second = await send();
    expect([first.matchedCount, first.modifiedCount]).toEqual([1, 1]);
    expect([second.matchedCount, second.modifiedCount]).toEqual([0, 0]);
    expect(await stored({ _id })).toEqual({ status: 'envoyee', reference: 'BP-2026-00001' });
  });
});

contract('updateOne upsert $set', () => {
  it('when the document is missing, then it is created from filter and update; when present, then updated', async () => {
    const upsert = (role: string) =>
      responses().updateOne(
        { email: 'a@exemple.fr' },
        { $set: { role, active: true } },
        { upsert: true },
      );
    const created = await upsert('admin');
    const updated = await upsert('moderator');
    expect([created.upsertedCount, created.matchedCount]).toEqual([1, 0]);
    expect([updated.upsertedCount, updated.matchedCount, updated.modifiedCount]).toEqual([0, 1, 1]);
    expect(await stored({})).toEqual({ email: 'a@exemple.fr', role: 'moderator', active: true });
  });
});

contract('updateOne upsert $setOnInsert', () => {
  it('when upserted twice, then the first values stay', async () => {
    const upsert = (title: string) =>
      responses().updateOne({ slug: 'rencontre' }, { $setOnInsert: { title } }, { upsert: true });
    await upsert('Premier');
    const second = await upsert('Second');
    expect([second.matchedCount, second.modifiedCount, second.upsertedCount]).toEqual([1, 0, 0]);
    expect(await stored({})).toEqual({ slug: 'rencontre', title: 'Premier' });
  });
});

contract('updateOne upsert $setOnInsert {field: [], other: null}', () => {
  it('when an upsert inserts empty lists and nulls, then the new document holds them', async () => {
    await responses().updateOne(
      { email: 'a@exemple.fr' },
      { $set: { role: 'moderator' }, $setOnInsert: { regions: [], passwordHash: null, n: 0 } },
      { upsert: true },
    );
    expect(await stored({})).toEqual({
      email: 'a@exemple.fr',
      role: 'moderator',
      regions: [],
      passwordHash: null,
      n: 0,
    });
  });
});

contract('findOneAndUpdate upsert {$inc, $setOnInsert} returnDocument after', () => {
  it('when a counter with a string id is bumped, then the new value comes back, created at 1', async () => {
    const counters = rawDb().collection<{ _id: string; hits: number; expiresAt?: Date }>(
      'counters',
    );
    const expiresAt = new Date('2026-01-01T01:00:00Z');
    const bump = () =>
      counters.findOneAndUpdate(
        { _id: 'envois:1.2.3.4:0' },
        { $inc: { hits: 1 }, $setOnInsert: { expiresAt } },
        { upsert: true, returnDocument: 'after' },
      );
    expect(await bump()).toEqual({ _id: 'envois:1.2.3.4:0', hits: 1, expiresAt });
    expect(await bump()).toEqual({ _id: 'envois:1.2.3.4:0', hits: 2, expiresAt });
  });
});

contract('bulkWrite [updateOne upsert] (unordered)', () => {
  it('when a batch upserts new and existing documents, then the counts and the documents are exact', async () => {
    await responses().insertOne({ kind: 'themes', code: 'a', label: 'Ancien' });
    const result = await responses().bulkWrite(
      [
        {
          updateOne: {
            filter: { kind: 'themes', code: 'a' },
            update: { $set: { label: 'A' } },
            upsert: true,
          },
        },
        {
          updateOne: {
            filter: { kind: 'themes', code: 'b' },
            update: { $set: { label: 'B' } },
            upsert: true,
          },
        },
        {
          updateOne: {
            filter: { kind: 'publics', code: 'a' },
            update: { $setOnInsert: { label: 'P' } },
            upsert: true,
          },
        },
      ],
      { ordered: false },
    );
    expect([result.matchedCount, result.modifiedCount, result.upsertedCount]).toEqual([1, 1, 2]);
    const all = await responses()
      .find({}, { projection: { _id: 0 } })
      .sort({ kind: 1, code: 1 })
      .toArray();
    expect(all).toEqual([
      { kind: 'publics', code: 'a', label: 'P' },
      { kind: 'themes', code: 'a', label: 'A' },
      { kind: 'themes', code: 'b', label: 'B' },
    ]);
  });
});

contract('replaceOne {_id} upsert', () => {
  it('when the document is missing it is inserted, when present it is replaced whole', async () => {
    const _id = new ObjectId();
    const first = await responses().replaceOne({ _id }, { d: 'un' }, { upsert: true });
    expect([first.matchedCount, first.upsertedCount]).toEqual([0, 1]);
    await responses().updateOne({ _id }, { $set: { other: 1 } });
    const second = await responses().replaceOne({ _id }, { d: 'deux' }, { upsert: true });
    expect([second.matchedCount, second.modifiedCount, second.upsertedCount]).toEqual([1, 1, 0]);
    expect(await responses().findOne({ _id })).toEqual({ _id, d: 'deux' });
  });
});

contract('insertMany (unordered) over existing _id', () => {
  it('when some ids are already stored, then the others are inserted, the stored ones kept, and each refusal is 11000', async () => {
    const [a, b, c] = [new ObjectId(), new ObjectId(), new ObjectId()];
    await responses().insertOne({ _id: b, d: 'gardé' });
    const error = (await responses()
      .insertMany(
        [
          { _id: a, d: 'a' },
          { _id: b, d: 'b' },
          { _id: c, d: 'c' },
        ],
        { ordered: false },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as { writeErrors?: unknown };
    const refusals = [error?.writeErrors ?? []].flat() as Array<{ code: number }>;
    expect(refusals.map((w) => w.code)).toEqual([11000]);
    const all = await responses().find({}).sort({ d: 1 }).toArray();
    expect(all.map((r) => [String(r._id), r.d])).toEqual([
      [String(a), 'a'],
      [String(c), 'c'],
      [String(b), 'gardé'],
    ]);
  });
});

contract('deleteOne / deleteMany', () => {
  it('when documents are deleted, then the counts are exact and the others stay', async () => {
    const expired = new Date('2026-01-01T00:00:00Z');
    const valid = new Date('2026-12-31T00:00:00Z');
    const sessions = rawDb().collection<{ _id: string; expires: Date }>('sessions');
    await sessions.insertMany([
      { _id: 's1', expires: expired },
      { _id: 's2', expires: expired },
      { _id: 's3', expires: valid },
      { _id: 's4', expires: valid },
    ]);
    expect((await sessions.deleteOne({ _id: 's4' })).deletedCount).toBe(1);
    expect((await sessions.deleteOne({ _id: 's4' })).deletedCount).toBe(0);
    const purged = await sessions.deleteMany({ expires: { $lt: new Date('2026-06-01') } });
    expect(purged.deletedCount).toBe(2);
    expect(await sessions.find({}).toArray()).toEqual([{ _id: 's3', expires: valid }]);
  });
});

type Tagged = { tags: string[]; kind?: string };
async function tagged(lists: string[][]) {
  await rawDb()
    .collection<Tagged>('practices')
    .insertMany(lists.map((tags, i) => ({ tags, kind: `k${i}` })));
  return rawDb().collection<Tagged>('practices');
}
const tagsOf = async (c: mongoose.mongo.Collection<Tagged>) =>
  (await c.find({}, { sort: { kind: 1 } }).toArray()).map((d) => d.tags);

contract('updateMany {array: value} $addToSet {array: value}', () => {
  it('when a value is added to every matching list, then it is there once, others untouched', async () => {
    const c = await tagged([['a'], ['a', 'b'], ['c']]);
    const result = await c.updateMany({ tags: 'a' }, { $addToSet: { tags: 'b' } });
    expect(result.matchedCount).toBe(2);
    expect(await tagsOf(c)).toEqual([['a', 'b'], ['a', 'b'], ['c']]);
  });
});

contract('updateMany {array: value} $pull {array: value}', () => {
  it('when a value is pulled from every matching list, then each loses it, others untouched', async () => {
    const c = await tagged([['a'], ['a', 'b'], ['c']]);
    const result = await c.updateMany({ tags: 'a' }, { $pull: { tags: 'a' } });
    expect(result.modifiedCount).toBe(2);
    expect(await tagsOf(c)).toEqual([[], ['b'], ['c']]);
  });
});

contract('updateMany {field: value} $set {field: value}', () => {
  it('when every matching document is set, then exactly those change', async () => {
    const c = await tagged([['a'], ['b'], ['c']]);
    const result = await c.updateMany({ kind: { $in: ['k0', 'k2'] } }, { $set: { tags: ['z'] } });
    expect(result.modifiedCount).toBe(2);
    expect(await tagsOf(c)).toEqual([['z'], ['b'], ['z']]);
  });
});
