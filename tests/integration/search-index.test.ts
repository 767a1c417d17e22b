import {
  buildSearchIndex,
  searchIndex,
  stopSearchWorker,
  type IndexedDoc,
} from '../../src/compendium/search-index';

afterAll(stopSearchWorker);

const doc = (id: string, title: string): IndexedDoc => ({
  id,
  title,
  summary: '',
  body: '',
  place: '',
  tags: '',
});

describe('search index worker', () => {
  it('when an earlier load finishes after a later one, then searches keep the later index', async () => {
    await buildSearchIndex(2, [doc('b', 'Chantier école de la rénovation')]);
    await buildSearchIndex(1, [doc('a', 'Chantier école du nettoyage')]);
    expect((await searchIndex('chantier')).hits.map((hit) => hit.id)).toEqual(['b']);
  });

  it('when the worker has been stopped, then a search is refused until an index is built', async () => {
    await stopSearchWorker();
    await expect(searchIndex('chantier')).rejects.toThrow('index de recherche');
    await buildSearchIndex(1, [doc('a', 'Chantier école du nettoyage')]);
    expect(await searchIndex('nettoyage')).toEqual({ hits: [{ id: 'a', terms: ['nettoyage'] }] });
  });

  it('when a word has two letters swapped or one wrong, then the corrected query finds the sheets and says so', async () => {
    await buildSearchIndex(3, [
      doc('a', 'Chantier école du nettoyage'),
      doc('b', 'Mobilité des femmes dans les travaux'),
      doc('c', 'Chantiers de la propreté'),
    ]);
    // The index's own fuzzy match takes one edit in a six-letter word: a swap is two.
    const swapped = await searchIndex('fmemes');
    expect(swapped.corrected).toBe('femmes');
    expect(swapped.hits.map((h) => h.id)).toEqual(['b']);
    // One typo in each of two words.
    const two = await searchIndex('éocle nettoyaeg');
    expect(two.corrected).toBe('école nettoyage');
    expect(two.hits.map((h) => h.id)).toEqual(['a']);
    // Two typos in one word: not searched, but suggested.
    expect(await searchIndex('fmmees')).toEqual({ hits: [], suggestion: 'femmes' });
    // Nothing near: nothing found, nothing suggested.
    expect(await searchIndex('xylophone')).toEqual({ hits: [] });
  });
});
