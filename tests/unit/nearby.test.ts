import { nearbyIn, nearbyIndex } from '../../src/moderation/nearby';
import type { InboxRow } from '../../src/moderation/inbox-row.model';
import type { ResponseSummary } from '../../src/questionnaire';

const summary = (over: Partial<ResponseSummary>): ResponseSummary => ({
  status: 'recue',
  statusAt: new Date('2026-03-01'),
  reference: 'BP-2026-00001',
  submittedAt: new Date('2026-03-01'),
  title: 'Titre',
  titleKey: 'titre',
  titleWords: [],
  structure: 'Structure',
  structureKey: '',
  actorType: 'facilitateur',
  region: '84',
  department: '69',
  communes: [],
  themes: [],
  publics: [],
  marketFamilies: [],
  ...over,
});

const row = (id: string, over: Partial<ResponseSummary>): InboxRow => ({
  _id: id,
  fictitious: false,
  summary: summary({ reference: `BP-${id}`, ...over }),
});

describe('responses near the one under review', () => {
  it('when rows share a structure, a commune or half the title words, then they are listed with their reasons, most reasons first', () => {
    const rows: InboxRow[] = [
      row('a', { structureKey: 'maison emploi', communes: ['69123'] }),
      row('b', { communes: ['69123'], titleWords: ['chantier', 'insertion'] }),
      row('c', { titleWords: ['chantier', 'ecole', 'gymnase', 'voirie'] }),
      row('d', { structureKey: 'autre', communes: ['75056'], titleWords: ['voirie'] }),
      { _id: 'draft', fictitious: false, draftRegion: '84' },
      row('e', { region: '11', structureKey: 'maison emploi' }),
    ];
    const s = summary({
      structureKey: 'maison emploi',
      communes: ['69123', '69266'],
      titleWords: ['chantier', 'insertion', 'quartier'],
    });
    const found = nearbyIn(nearbyIndex(rows), 'self', s, ['84']);
    expect(found.map((f) => [f.id, f.reasons])).toEqual([
      ['a', ['même structure', 'même commune']],
      ['b', ['même commune', 'titre proche']],
    ]);
    // « c » shares one word of three (less than half of the smaller title); « d » nothing; « e »
    // is outside the régions; without a scope it comes back.
    const everywhere = nearbyIn(nearbyIndex(rows), 'self', s);
    expect(everywhere.map((f) => f.id)).toEqual(['a', 'b', 'e']);
    expect(nearbyIn(nearbyIndex(rows), 'a', s).map((f) => f.id)).toEqual(['b', 'e']);
  });

  it('when thousands of rows are searched, then the result is the one of a comparison with every row, capped at ten', () => {
    let seed = 7;
    const pick = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const words = ['chantier', 'ecole', 'insertion', 'voirie', 'gymnase', 'quartier', 'jeunes'];
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(`r${i}`, {
        region: ['84', '11', '93'][pick(3)],
        structureKey: `structure ${pick(400)}`,
        communes: [`c${pick(300)}`],
        titleWords: Array.from({ length: 1 + pick(3) }, () => words[pick(words.length)]),
      }),
    );
    const index = nearbyIndex(rows);
    for (const probe of rows.slice(0, 40)) {
      const s = probe.summary!;
      // Every row compared, in inbox order, by the rules written out again here.
      const expected = rows
        .filter((o) => o._id !== probe._id && ['84', '93'].includes(o.summary!.region))
        .map((o) => {
          const t = o.summary!;
          const shared = s.titleWords.filter((w) => t.titleWords.includes(w)).length;
          const reasons = [
            t.structureKey === s.structureKey && 'même structure',
            t.communes[0] === s.communes[0] && 'même commune',
            shared > 0 &&
              shared >= Math.min(s.titleWords.length, t.titleWords.length) / 2 &&
              'titre proche',
          ].filter(Boolean);
          return { id: o._id, reasons };
        })
        .filter((f) => f.reasons.length > 0)
        .sort((a, b) => b.reasons.length - a.reasons.length)
        .slice(0, 10);
      const found = nearbyIn(index, probe._id, s, ['84', '93']);
      expect(found.map((f) => ({ id: f.id, reasons: f.reasons }))).toEqual(expected);
    }
  });
});
