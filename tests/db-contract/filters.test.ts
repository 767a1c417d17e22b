import mongoose from 'mongoose';
import { useTestDatabase } from '../helpers/db';
import { contract, rawDb, sorted } from './contract';

useTestDatabase();

const { ObjectId } = mongoose.mongo;
const ids = [new ObjectId(), new ObjectId(), new ObjectId(), new ObjectId()];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const things = () => rawDb().collection('things');

beforeAll(async () => {
  await things().insertMany([
    {
      _id: ids[0],
      slug: 'alpha',
      status: 'publiee',
      kind: 'themes',
      code: 'a',
      at: day('2024-01-10'),
      title: 'B',
      ref: 'BP-2025-00007',
      venue: { city: 'Orléans', name: 'Salle A' },
      tags: ['x', 'y'],
    },
    {
      _id: ids[1],
      slug: 'beta',
      status: 'publiee',
      kind: 'themes',
      code: 'b',
      at: day('2024-02-10'),
      title: 'A',
      ref: 'BP-2026-00002',
      venue: { city: 'Tours', name: 'Salle B' },
      tags: ['y'],
    },
    {
      _id: ids[2],
      slug: 'gamma',
      status: 'brouillon',
      kind: 'publics',
      code: 'a',
      at: day('2024-02-10'),
      title: 'C',
      ref: 'BP-2026-00010',
      venue: { city: 'Blois', name: 'Salle C' },
      tags: [],
    },
    {
      _id: ids[3],
      slug: 'delta',
      status: 'publiee',
      kind: 'publics',
      code: 'b',
      title: 'D',
      venue: { city: 'Chartres', name: 'Salle D' },
      tags: ['x'],
    },
  ]);
});

const slugs = async (filter: mongoose.mongo.Filter<mongoose.mongo.Document>) =>
  sorted((await things().find(filter).toArray()).map((d) => d.slug as string));

contract('find {_id: ObjectId}', () => {
  it('when a document is looked up by its ObjectId, then exactly that one comes back, and null for an unknown id', async () => {
    expect((await things().findOne({ _id: ids[1] }))?.slug).toBe('beta');
    expect(await things().findOne({ _id: new ObjectId() })).toBeNull();
  });
});

contract('find {_id: <string>}', () => {
  it('when documents have string ids, then a lookup by id finds exactly one', async () => {
    const counters = rawDb().collection<{ _id: string; n: number }>('string-ids');
    await counters.insertMany([
      { _id: 'reponses-2025', n: 1 },
      { _id: 'reponses-2026', n: 2 },
    ]);
    expect(await counters.findOne({ _id: 'reponses-2026' })).toEqual({
      _id: 'reponses-2026',
      n: 2,
    });
    expect(await counters.findOne({ _id: 'reponses-2027' })).toBeNull();
  });
});

contract('find {field: value}', () => {
  it('when filtering on one string field, then exactly the matching documents come back', async () => {
    expect(await slugs({ status: 'publiee' })).toEqual(['alpha', 'beta', 'delta']);
    expect(await slugs({ status: 'archivee' })).toEqual([]);
  });
});

contract('find {field: value, other: value}', () => {
  it('when filtering on two fields, then only documents matching both come back', async () => {
    expect(await slugs({ kind: 'publics', code: 'a' })).toEqual(['gamma']);
    expect(await slugs({ _id: ids[0], status: 'publiee' })).toEqual(['alpha']);
    expect(await slugs({ _id: ids[0], status: 'brouillon' })).toEqual([]);
  });
});

contract('find {field: {$lt: Date}}', () => {
  it('when filtering dates before a day, then earlier ones match and documents without the field do not', async () => {
    expect(await slugs({ at: { $lt: day('2024-02-01') } })).toEqual(['alpha']);
  });
});

contract('find {field: {$gt: Date}}', () => {
  it('when filtering dates after a day, then later ones match and documents without the field do not', async () => {
    expect(await slugs({ at: { $gt: day('2024-02-01') } })).toEqual(['beta', 'gamma']);
  });
});

contract('find {$or: [{field: {$exists: false}}, {field: {$gt: Date}}]}', () => {
  it('when a document matches either branch, then it comes back once', async () => {
    const filter = { $or: [{ at: { $exists: false } }, { at: { $gt: day('2024-02-01') } }] };
    expect(await slugs(filter)).toEqual(['beta', 'delta', 'gamma']);
  });
});

contract('find {field: {$in: [values]}}', () => {
  it('when filtering on a list of values, then documents with any of them come back', async () => {
    expect(await slugs({ slug: { $in: ['alpha', 'delta', 'inconnu'] } })).toEqual([
      'alpha',
      'delta',
    ]);
  });
});

contract('find {array: value}', () => {
  it('when filtering an array field on one value, then documents whose array holds it come back', async () => {
    expect(await slugs({ tags: 'x' })).toEqual(['alpha', 'delta']);
  });
});

contract('find {field: /^prefix/} sort {field: -1} limit 1', () => {
  it('when the highest value with a prefix is asked for, then it is the greatest among those with the prefix', async () => {
    const [last] = await things()
      .find({ ref: /^BP-2026-/ }, { projection: { _id: 0, ref: 1 } })
      .sort({ ref: -1 })
      .limit(1)
      .toArray();
    expect(last).toEqual({ ref: 'BP-2026-00010' });
    expect(await things().countDocuments({ ref: /^BP-2027-/ })).toBe(0);
  });
});

contract('projection {field: 1, "a.b": 1}', () => {
  it('when a projection names a field and a nested field, then only those and _id come back', async () => {
    const doc = await things().findOne(
      { slug: 'alpha' },
      { projection: { slug: 1, 'venue.city': 1 } },
    );
    expect(doc).toEqual({ _id: ids[0], slug: 'alpha', venue: { city: 'Orléans' } });
  });
});

contract('sort {field: -1, other: 1}', () => {
  it('when sorting on a date descending then a title ascending, then ties are broken by the title', async () => {
    const docs = await things()
      .find({ at: { $exists: true } })
      .sort({ at: -1, title: 1 })
      .toArray();
    expect(docs.map((d) => d.slug)).toEqual(['beta', 'gamma', 'alpha']);
  });
});

contract('sort + skip + limit', () => {
  it('when a page of a sorted list is asked for, then exactly that page comes back', async () => {
    const docs = await things().find({}).sort({ slug: 1 }).skip(1).limit(2).toArray();
    expect(docs.map((d) => d.slug)).toEqual(['beta', 'delta']);
  });
});

contract('countDocuments / estimatedDocumentCount', () => {
  it('when documents are counted with and without a filter, then the counts are exact', async () => {
    expect(await things().countDocuments({ status: 'publiee' })).toBe(3);
    expect(await things().countDocuments({})).toBe(4);
    expect(await things().estimatedDocumentCount()).toBe(4);
  });
});

contract('exists (findOne with projection {_id: 1})', () => {
  it('when existence is checked, then only the id comes back, or null', async () => {
    expect(await things().findOne({ slug: 'beta' }, { projection: { _id: 1 } })).toEqual({
      _id: ids[1],
    });
    expect(await things().findOne({ slug: 'omega' }, { projection: { _id: 1 } })).toBeNull();
  });
});
