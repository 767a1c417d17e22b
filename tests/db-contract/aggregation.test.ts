import { useTestDatabase } from '../helpers/db';
import { contract, rawDb } from './contract';

useTestDatabase();

// Only the stages and accumulators below are proven. FerretDB 1.24 computes only the first of
// several accumulators in one $group, returns a $project expression ('$a.b') as a literal
// string, and refuses $avg, $min, $max, $first, $push and $addToSet (see README.md).

const practices = () => rawDb().collection('practices');

beforeAll(async () => {
  await practices().insertMany([
    {
      slug: 'a',
      status: 'publiee',
      region: '24',
      themes: ['x', 'y'],
      results: { hours: 1000, people: 10 },
    },
    {
      slug: 'b',
      status: 'publiee',
      region: '24',
      themes: ['y'],
      results: { hours: 2500, people: 4 },
    },
    { slug: 'c', status: 'publiee', region: '11', themes: [], results: { hours: 500 } },
    { slug: 'd', status: 'publiee', region: '11', themes: ['x'] },
    {
      slug: 'e',
      status: 'brouillon',
      region: '24',
      themes: ['x'],
      results: { hours: 9999, people: 99 },
    },
  ]);
});

const published = { $match: { status: 'publiee' } };

contract('$match + $group {_id: null, n: {$sum: 1}}', () => {
  it('when matching documents are counted in a group, then the count is exact', async () => {
    const rows = await practices()
      .aggregate([published, { $group: { _id: null, n: { $sum: 1 } } }])
      .toArray();
    expect(rows).toEqual([{ _id: null, n: 4 }]);
  });
});

contract('$group {_id: null, total: {$sum: "$a.b"}}', () => {
  it('when a nested number is summed, then missing values count as 0', async () => {
    const rows = await practices()
      .aggregate([published, { $group: { _id: null, total: { $sum: '$results.hours' } } }])
      .toArray();
    expect(rows).toEqual([{ _id: null, total: 4000 }]);
  });

  it('when several totals are needed, then one $group per total gives each exactly', async () => {
    const total = async (path: string) => {
      const [row] = await practices()
        .aggregate([published, { $group: { _id: null, total: { $sum: path } } }])
        .toArray();
      return row.total as number;
    };
    expect([await total('$results.hours'), await total('$results.people')]).toEqual([4000, 14]);
  });
});

contract('$group {_id: "$field", n: {$sum: 1}} + $sort', () => {
  it('when documents are counted per value, then each group has its exact count, in order', async () => {
    const rows = await practices()
      .aggregate([published, { $group: { _id: '$region', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(rows).toEqual([
      { _id: '11', n: 2 },
      { _id: '24', n: 2 },
    ]);
  });
});

contract('$unwind "$array" + $group', () => {
  it('when an array is unwound and grouped, then each element is counted once per document', async () => {
    const rows = await practices()
      .aggregate([
        published,
        { $unwind: '$themes' },
        { $group: { _id: '$themes', n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 'x', n: 2 },
      { _id: 'y', n: 2 },
    ]);
  });
});

contract('$count', () => {
  it('when matching documents are counted, then one document carries the count', async () => {
    const rows = await practices()
      .aggregate([{ $match: { status: 'publiee', region: '24' } }, { $count: 'n' }])
      .toArray();
    expect(rows).toEqual([{ n: 2 }]);
  });
});

contract('$project {field: 1, "a.b": 1}', () => {
  it('when fields are kept by inclusion, then only they come back', async () => {
    const rows = await practices()
      .aggregate([{ $match: { slug: 'a' } }, { $project: { _id: 0, slug: 1, 'results.hours': 1 } }])
      .toArray();
    expect(rows).toEqual([{ slug: 'a', results: { hours: 1000 } }]);
  });
});

contract('$sort + $skip + $limit', () => {
  it('when a page is cut from a sorted pipeline, then exactly that page comes back', async () => {
    const rows = await practices()
      .aggregate([
        published,
        { $sort: { slug: -1 } },
        { $skip: 1 },
        { $limit: 2 },
        { $project: { _id: 0, slug: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([{ slug: 'c' }, { slug: 'b' }]);
  });
});
