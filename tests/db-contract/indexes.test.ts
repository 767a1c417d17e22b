import mongoose, { type Model } from 'mongoose';
import { MeetingModel } from '../../src/meetings/meeting.model';
import { SheetModel } from '../../src/sheets/sheet.model';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { TermModel } from '../../src/reference/term.model';
import { UserModel } from '../../src/accounts/user.model';
import { useTestDatabase } from '../helpers/db';
import { contract, errorCode, rawDb } from './contract';

useTestDatabase();

afterEach(async () => {
  await rawDb().dropDatabase();
});

type Doc = Record<string, unknown>;
const duplicateKey = 11000;

contract('index {field: 1} unique', () => {
  it('when a second document repeats the value, then it is refused with a duplicate key error and nothing changes', async () => {
    const users = rawDb().collection<Doc>('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: 'a@exemple.fr', n: 1 });
    expect(await errorCode(users.insertOne({ email: 'a@exemple.fr', n: 2 }))).toBe(duplicateKey);
    await users.insertOne({ email: 'b@exemple.fr', n: 3 });
    // FerretDB 1.24 reports an update's violation as code 1, not 11000: refused all the same.
    await expect(
      users.updateOne({ email: 'b@exemple.fr' }, { $set: { email: 'a@exemple.fr' } }),
    ).rejects.toThrow();
    expect(
      await users
        .find({}, { projection: { _id: 0 } })
        .sort({ n: 1 })
        .toArray(),
    ).toEqual([
      { email: 'a@exemple.fr', n: 1 },
      { email: 'b@exemple.fr', n: 3 },
    ]);
  });
});

contract('index {a: 1, b: 1} unique', () => {
  it('when only one of two fields repeats, then it is accepted; when both do, then refused', async () => {
    const terms = rawDb().collection<Doc>('terms');
    await terms.createIndex({ kind: 1, code: 1 }, { unique: true });
    await terms.insertMany([
      { kind: 'themes', code: 'a' },
      { kind: 'themes', code: 'b' },
      { kind: 'publics', code: 'a' },
    ]);
    expect(await errorCode(terms.insertOne({ kind: 'themes', code: 'a' }))).toBe(duplicateKey);
    expect(await terms.countDocuments({})).toBe(3);
  });
});

contract('index {field: 1} unique sparse', () => {
  it('when many documents lack the field, then they coexist; when two share a value, then the second is refused', async () => {
    const responses = rawDb().collection<Doc>('responses');
    await responses.createIndex({ reference: 1 }, { unique: true, sparse: true });
    await responses.insertMany([
      { status: 'brouillon' },
      { status: 'brouillon' },
      { status: 'brouillon' },
    ]);
    await responses.insertOne({ status: 'envoyee', reference: 'BP-2026-00001' });
    expect(
      await errorCode(responses.insertOne({ status: 'envoyee', reference: 'BP-2026-00001' })),
    ).toBe(duplicateKey);
    await expect(
      responses.updateOne(
        { status: 'brouillon' },
        { $set: { status: 'envoyee', reference: 'BP-2026-00001' } },
      ),
    ).rejects.toThrow();
    expect(await responses.countDocuments({ status: 'brouillon' })).toBe(3);
    expect(await responses.countDocuments({ reference: 'BP-2026-00001' })).toBe(1);
  });
});

contract('index {a.b: -1} unique sparse', () => {
  it('when documents lack the nested field or its parent, then they coexist; when two share a value, then the second is refused, even beside an older plain {a.b: 1} index', async () => {
    const practices = rawDb().collection<Doc>('practices');
    await practices.createIndex({ 'origin.importKey': 1 });
    await practices.createIndex({ 'origin.importKey': -1 }, { unique: true, sparse: true });
    await practices.insertMany([
      { slug: 'a' },
      { slug: 'b' },
      { slug: 'c', origin: { kind: 'demo' } },
      { slug: 'd', origin: { kind: 'demo' } },
    ]);
    await practices.insertOne({ slug: 'e', origin: { kind: 'import', importKey: 'fiches:1' } });
    expect(
      await errorCode(
        practices.insertOne({ slug: 'f', origin: { kind: 'import', importKey: 'fiches:1' } }),
      ),
    ).toBe(duplicateKey);
    await practices.insertOne({ slug: 'g', origin: { kind: 'import', importKey: 'fiches:2' } });
    expect(await practices.countDocuments({})).toBe(6);
    expect(await practices.countDocuments({ 'origin.importKey': 'fiches:1' })).toBe(1);
  });
});

contract('index {a: 1, b: -1} and {a: 1, array: 1}', () => {
  it('when compound indexes with a descending key or an array field exist, then queries still return exact results', async () => {
    const practices = rawDb().collection<Doc>('practices');
    await practices.createIndex({ status: 1, publishedAt: -1 });
    await practices.createIndex({ status: 1, themes: 1 });
    await practices.insertMany([
      { slug: 'a', status: 'publiee', publishedAt: new Date('2026-01-01'), themes: ['x', 'y'] },
      { slug: 'b', status: 'publiee', publishedAt: new Date('2026-02-01'), themes: ['y'] },
      { slug: 'c', status: 'brouillon', publishedAt: new Date('2026-03-01'), themes: ['x'] },
    ]);
    const newest = await practices.find({ status: 'publiee' }).sort({ publishedAt: -1 }).toArray();
    expect(newest.map((p) => p.slug)).toEqual(['b', 'a']);
    const withX = await practices.find({ status: 'publiee', themes: 'x' }).toArray();
    expect(withX.map((p) => p.slug)).toEqual(['a']);
  });
});

contract('indexes declared by the models', () => {
  const models: Array<Model<never>> = [
    SheetModel,
    MeetingModel,
    TermModel,
    UserModel,
    ResponseModel,
  ] as never;

  it('when the models build their indexes, then every declared key and its uniqueness exists on the server', async () => {
    for (const model of models) {
      await model.createIndexes();
      const onServer = await model.collection.listIndexes().toArray();
      const declared = model.schema.indexes().map(([key, options]) => ({
        model: model.modelName,
        key,
        unique: Boolean(options.unique),
      }));
      const found = declared.map((index) => {
        const match = onServer.find((i) => JSON.stringify(i.key) === JSON.stringify(index.key));
        return { ...index, unique: Boolean(match?.unique), exists: Boolean(match) };
      });
      expect(found).toEqual(declared.map((index) => ({ ...index, exists: true })));
    }
  });
});

/** The plan of a `find`, as the server explains it: MongoDB's stages, FerretDB's SQLite plan. */
async function planOf(filter: Doc): Promise<string> {
  const explained = await rawDb().command({ explain: { find: 'responses', filter } });
  return JSON.stringify(explained.queryPlanner);
}

contract('_id index for {_id: X} and {_id: X, field: value}', () => {
  it('when a filter names an ObjectId or a string _id, alone or with other fields, then the server reads that row by its index', async () => {
    const responses = rawDb().collection<{
      _id: mongoose.mongo.ObjectId | string;
      revision: number;
    }>('responses');
    const id = new mongoose.mongo.ObjectId();
    await responses.insertMany([
      { _id: id, revision: 2 },
      { _id: 'texte', revision: 1 },
    ]);
    await responses.insertMany(
      Array.from({ length: 50 }, (_, i) => ({ _id: `autre-${i}`, revision: i })),
    );
    // MongoDB: IDHACK, or FETCH over an IXSCAN of _id_. FerretDB: SQLite's SEARCH … USING INDEX.
    const indexed = /IDHACK|"indexName":"_id_"|USING INDEX/;
    for (const filter of [{ _id: id }, { _id: id, revision: 2 }, { _id: 'texte', revision: 1 }]) {
      expect(await planOf(filter)).toMatch(indexed);
    }
    expect(await responses.findOne({ _id: id, revision: 2 })).toEqual({ _id: id, revision: 2 });
    expect(await responses.findOne({ _id: id, revision: 3 })).toBeNull();
    const updated = await responses.updateOne(
      { _id: 'texte', revision: 1 },
      { $inc: { revision: 1 } },
    );
    expect(updated.modifiedCount).toBe(1);
    expect((await responses.deleteOne({ _id: 'texte', revision: 1 })).deletedCount).toBe(0);
    expect((await responses.deleteOne({ _id: 'texte', revision: 2 })).deletedCount).toBe(1);
  });
});
