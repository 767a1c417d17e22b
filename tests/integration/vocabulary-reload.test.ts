import mongoose from 'mongoose';
import { bumpContentVersion, contentVersion } from '../../src/lib/content-version';
import {
  seedTaxonomy,
  taxonomy,
  taxonomyKinds,
  vocabularyChanged,
} from '../../src/reference/taxonomy';
import { TermModel } from '../../src/reference/term.model';
import { clearDatabase, useTestDatabase } from '../helpers/db';

useTestDatabase();

/** How many times every term is read while `act` runs. */
async function termReadsDuring(act: () => Promise<unknown>): Promise<number> {
  const reads = jest.spyOn(TermModel, 'find');
  try {
    await act();
    return reads.mock.calls.filter(([filter]) => JSON.stringify(filter) === '{}').length;
  } finally {
    reads.mockRestore();
  }
}

const label = () => taxonomy().actorTypes.find((t) => t.code === 'plie')?.label;

describe('vocabularies following the content version', () => {
  beforeEach(async () => {
    await clearDatabase();
    const tax = seedTaxonomy();
    await TermModel.insertMany(
      taxonomyKinds.flatMap((kind) => tax[kind].map((t, position) => ({ ...t, kind, position }))),
    );
    await vocabularyChanged();
  });

  it('when the content version moves for a publication, then the terms are not read again; when a term is renamed, they are, and the new label shows', async () => {
    expect(await termReadsDuring(async () => (await bumpContentVersion(), contentVersion()))).toBe(
      0,
    );
    await TermModel.updateOne(
      { kind: 'actorTypes', code: 'plie' },
      { $set: { label: 'PLIE renommé' } },
    );
    expect(await termReadsDuring(vocabularyChanged)).toBe(1);
    expect(label()).toBe('PLIE renommé');
  });

  it('when the terms were written without a stamp (a database emptied and filled again), then they are read at each version', async () => {
    await mongoose.connection
      .collection('counters')
      .deleteOne({ _id: 'vocabulary-stamp' as never });
    await TermModel.updateOne(
      { kind: 'actorTypes', code: 'plie' },
      { $set: { label: 'PLIE sans tampon' } },
    );
    expect(await termReadsDuring(async () => (await bumpContentVersion(), contentVersion()))).toBe(
      1,
    );
    expect(label()).toBe('PLIE sans tampon');
  });
});
