import { relatedPractices } from '../../src/compendium/practice-page';
import type { PublishedPractice, PublishedSet } from '../../src/compendium/published-set';

const practice = (id: string, title: string, region: string, themes: string[]) =>
  ({ id, title, region, themes }) as unknown as PublishedPractice;
const setOf = (practices: PublishedPractice[]) => ({ practices }) as unknown as PublishedSet;

describe('other sheets shown beside a practice', () => {
  it('when sheets share themes or the région, then the three best come first, ties by title in French order', () => {
    const p = practice('p', 'Soi', '84', ['chantiers', 'insertion']);
    const set = setOf([
      p,
      practice('a', 'Zèbre', '84', ['chantiers']),
      practice('b', 'Éole', '11', ['chantiers', 'insertion']),
      practice('c', 'Abeille', '11', ['chantiers']),
      practice('d', 'Étang', '84', []),
      practice('e', 'Rien', '11', ['autre']),
      practice('f', 'Eau', '84', ['chantiers']),
    ]);
    // b: 4 points; a, f: 3 (Eau before Zèbre); c: 2; d: 1; e: 0.
    expect(relatedPractices(set, p).map((o) => o.id)).toEqual(['b', 'f', 'a']);
    expect(relatedPractices(setOf([p, set.practices[4], set.practices[5]]), p)).toEqual([
      set.practices[4],
    ]);
  });

  it('when thousands of sheets are ranked, then the result is the one of sorting them all', () => {
    let seed = 11;
    const pick = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const themes = ['a', 'b', 'c', 'd', 'e', 'f'];
    const titles = ['École', 'ecole', 'Chantier', 'chantier', 'Zone', 'Œuvre', 'Oeuvre', 'Île'];
    const practices = Array.from({ length: 2000 }, (_, i) =>
      practice(
        `s${i}`,
        `${titles[pick(titles.length)]} ${pick(5)}`,
        ['84', '11', '93'][pick(3)],
        themes.filter(() => pick(4) === 0),
      ),
    );
    const set = setOf(practices);
    for (const p of practices.slice(0, 50)) {
      const expected = practices
        .filter((o) => o.id !== p.id)
        .map((o) => ({
          o,
          score:
            o.themes.filter((t) => p.themes.includes(t)).length * 2 +
            (o.region === p.region ? 1 : 0),
        }))
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score || a.o.title.localeCompare(b.o.title, 'fr'))
        .slice(0, 3)
        .map((s) => s.o.id);
      expect(relatedPractices(set, p).map((o) => o.id)).toEqual(expected);
    }
  });
});
