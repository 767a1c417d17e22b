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
    expect((await searchIndex('chantier')).map((hit) => hit.id)).toEqual(['b']);
  });

  it('when the worker has been stopped, then a search is refused until an index is built', async () => {
    await stopSearchWorker();
    await expect(searchIndex('chantier')).rejects.toThrow('index de recherche');
    await buildSearchIndex(1, [doc('a', 'Chantier école du nettoyage')]);
    expect(await searchIndex('nettoyage')).toEqual([{ id: 'a', terms: ['nettoyage'] }]);
  });
});
