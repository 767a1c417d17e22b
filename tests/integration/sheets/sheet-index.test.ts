import mongoose from 'mongoose';
import { sheetIndex } from '../../../src/sheets/sheet-index';
import { SheetModel } from '../../../src/sheets/sheet.model';
import { replaceInLists } from '../../../src/sheets/sheet.bulk';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { practiceSheet } from '../../helpers/practices';

useTestDatabase();
beforeEach(clearDatabase);

const titles = async () =>
  Object.fromEntries([...(await sheetIndex()).values()].map((s) => [s.slug, s.title]));

describe('the sheet index follows every write to sheets', () => {
  it('when sheets are created, updated and deleted through the model, then the index shows each change at once', async () => {
    expect(await titles()).toEqual({});
    const created = await new SheetModel(practiceSheet('une', { title: 'Un' })).save();
    expect(await titles()).toEqual({ une: 'Un' });
    await SheetModel.insertMany([practiceSheet('deux', { title: 'Deux' })]);
    await SheetModel.findOneAndUpdate({ _id: created._id }, { $set: { title: 'Un bis' } });
    expect(await titles()).toEqual({ une: 'Un bis', deux: 'Deux' });
    await SheetModel.updateOne({ _id: created._id }, { $set: { title: 'Un ter' } });
    // A filter that names no _id: the index reloads.
    await SheetModel.updateMany({ slug: 'deux' }, { $set: { title: 'Deux bis' } });
    expect(await titles()).toEqual({ une: 'Un ter', deux: 'Deux bis' });
    await SheetModel.deleteOne({ _id: created._id });
    expect(await titles()).toEqual({ deux: 'Deux bis' });
    // A write that changes nothing keeps the index as it is, with the same entries.
    const before = await sheetIndex();
    await SheetModel.updateOne({ slug: 'absente' }, { $set: { title: 'Rien' } });
    expect(await sheetIndex()).toBe(before);
  });

  it('when 20 sheets are written at once while pages read the index, then it holds every change without reading every sheet again', async () => {
    const sheets = await SheetModel.insertMany(
      Array.from({ length: 20 }, (_, i) => practiceSheet(`fiche-${i}`, { title: 'Avant' })),
    );
    await sheetIndex();
    const wholeReads: unknown[] = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'practices' && method === 'find' && JSON.stringify(filter) === '{}')
        wholeReads.push(filter);
    });
    try {
      // Pages read the index while the writes are reported.
      await Promise.all([
        ...sheets.map((s, i) =>
          SheetModel.updateOne({ _id: s._id }, { $set: { title: `Après ${i}` } }),
        ),
        ...sheets.map(() => sheetIndex()),
      ]);
      const held = await titles();
      expect(sheets.map((_, i) => held[`fiche-${i}`])).toEqual(sheets.map((_, i) => `Après ${i}`));
    } finally {
      mongoose.set('debug', false);
    }
    expect(wholeReads).toEqual([]);
  });

  it('when an unordered insert is refused in part by a duplicate slug, then the index holds the sheets it inserted', async () => {
    await new SheetModel(practiceSheet('prise')).save();
    await expect(
      SheetModel.insertMany(
        [practiceSheet('nouvelle-1'), practiceSheet('prise'), practiceSheet('nouvelle-2')],
        { ordered: false },
      ),
    ).rejects.toThrow();
    expect(Object.keys(await titles()).sort()).toEqual(['nouvelle-1', 'nouvelle-2', 'prise']);
  });

  it('when another process writes a sheet and moves the version, then this process shows it within 2.5 s', async () => {
    expect(await titles()).toEqual({});
    // Another process: its own connection, the same database, the version moved by its model hook.
    const other = mongoose.connection.getClient().db(mongoose.connection.db!.databaseName);
    await other.collection('practices').insertOne(practiceSheet('ailleurs', { title: 'Ailleurs' }));
    await other
      .collection<{ _id: string; seq: number }>('counters')
      .updateOne({ _id: 'sheets-version' }, { $inc: { seq: 1 } }, { upsert: true });
    await new Promise((r) => setTimeout(r, 2500));
    expect(await titles()).toEqual({ ailleurs: 'Ailleurs' });
  });

  it('when a list value is replaced across sheets, then the index holds the new lists and the database agrees', async () => {
    await SheetModel.insertMany([
      practiceSheet('a', { themes: ['ancien', 'autre'] }),
      practiceSheet('b', { themes: ['ancien', 'nouveau'] }),
      practiceSheet('c', { themes: ['autre'] }),
    ]);
    expect(await replaceInLists('themes', 'ancien', 'nouveau')).toBe(2);
    const held = Object.fromEntries(
      [...(await sheetIndex()).values()].map((s) => [s.slug, [...s.themes].sort()]),
    );
    const stored = Object.fromEntries(
      (await SheetModel.find({}, 'slug themes').lean()).map((s) => [s.slug, [...s.themes].sort()]),
    );
    expect(held).toEqual({ a: ['autre', 'nouveau'], b: ['nouveau'], c: ['autre'] });
    expect(stored).toEqual(held);
  });
});
