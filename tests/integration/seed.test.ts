import fs from 'node:fs';
import path from 'node:path';
import { MeetingModel } from '../../src/meetings/meeting.model';
import { RecueilChapterModel } from '../../src/recueil/recueil-chapter.model';
import { SheetModel } from '../../src/sheets/sheet.model';
import { rootDir } from '../../src/lib/paths';
import { TermModel } from '../../src/reference/term.model';
import { seedDatabase } from '../../src/seeding/seed.service';
import { verifyPassword } from '../../src/accounts/password';
import { UserModel } from '../../src/accounts/user.model';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

/** The programme slots as printed in the programme's own document (excerpt kept as a fixture). */
function programmeFromSourceDocument() {
  const text = fs.readFileSync(
    path.join(rootDir, 'tests', 'fixtures', 'programme-centre-val-de-loire-2022.txt'),
    'utf8',
  );
  const pad = (h: string, m: string) => `${h.padStart(2, '0')}:${m}`;
  const slots: Array<{ start: string; end: string; title: string; workshops: string[] }> = [];
  for (const line of text.split('\n')) {
    const slot = /^- (\d{1,2})h(\d{2})-(\d{1,2})h(\d{2}) \*\*(.+?)\*\*/.exec(line);
    if (slot) {
      slots.push({
        start: pad(slot[1], slot[2]),
        end: pad(slot[3], slot[4]),
        // The source doubles its guillemets (« « … » »): compare the words, not that artefact.
        title: slot[5].replace(/« « /g, '« ').replace(/ » »/g, ' »'),
        workshops: [],
      });
    }
    const workshop = /^\s+- ([A-C])\) \*\*(.+?)\*\*/.exec(line);
    if (workshop) slots[slots.length - 1].workshops.push(`${workshop[1]}) ${workshop[2]}`);
  }
  return slots;
}

describe('seeding', () => {
  const admin = { email: 'admin@exemple.fr' };

  it('when seeded twice, then nothing is duplicated and the admin is created once', async () => {
    const first = await seedDatabase(admin);
    expect(first.admin?.generatedPassword).toBeDefined();
    const counts = async () => ({
      terms: await TermModel.countDocuments(),
      meetings: await MeetingModel.countDocuments(),
      practices: await SheetModel.countDocuments(),
      chapters: await RecueilChapterModel.countDocuments(),
      users: await UserModel.countDocuments(),
    });
    const afterFirst = await counts();
    const second = await seedDatabase(admin);
    expect(second.admin).toBeUndefined();
    expect(await counts()).toEqual(afterFirst);
    expect(afterFirst.terms).toBe(first.terms);
    expect(afterFirst.users).toBe(1);
    expect(afterFirst.chapters).toBe(5);

    const user = await UserModel.findOne({ email: admin.email }).lean();
    expect(user?.role).toBe('admin');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.passwordHash!, first.admin!.generatedPassword!)).toBe(true);
  });

  it('when seeded, then about thirty fictitious published practices cover many regions and themes', async () => {
    await seedDatabase(admin);
    const practices = await SheetModel.find({}).lean();
    expect(practices.length).toBeGreaterThanOrEqual(25);
    expect(practices.every((p) => p.fictitious && p.status === 'publiee')).toBe(true);
    expect(practices.every((p) => p.origin?.kind === 'demo')).toBe(true);
    expect(new Set(practices.map((p) => p.region)).size).toBeGreaterThanOrEqual(10);
    const themes = new Set(practices.flatMap((p) => p.themes));
    const themeCodes = await TermModel.find({ kind: 'themes' }).distinct('code');
    expect([...themeCodes].every((code) => themes.has(code))).toBe(true);
  });

  it('when seeded, then the Centre-Val de Loire meeting matches the source document slot by slot', async () => {
    await seedDatabase(admin);
    const meeting = await MeetingModel.findOne({ slug: 'centre-val-de-loire-2022' }).lean();
    expect(meeting).not.toBeNull();
    expect(meeting!.date.toISOString().slice(0, 10)).toBe('2022-10-20');
    expect(meeting!.venue).toMatchObject({
      name: "Lab'O",
      address: '1 avenue du Champs de Mars',
      postalCode: '45100',
      city: 'Orléans',
    });
    expect(meeting!.registrationRequired).toBe(true);

    const expected = programmeFromSourceDocument();
    expect(expected.length).toBeGreaterThanOrEqual(10);
    const actual = meeting!.programme.map((slot) => ({
      start: slot.start,
      end: slot.end,
      title: slot.title,
      workshops: (slot.workshops ?? []).map((w) => `${w.code}) ${w.title}`),
    }));
    expect(actual).toEqual(expected);
  });

  it('when the taxonomy is seeded, then it holds workshops A, B, C and the GUP theme', async () => {
    await seedDatabase(admin);
    const themes = await TermModel.find({ kind: 'themes' }).sort({ position: 1 }).lean();
    const labels = themes.map((t) => t.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Diversifier les marchés et les publics concernés par la clause sociale',
        'Mobiliser les entreprises et intégrer la clause sociale dans les marchés privés',
        'Mobiliser et former les habitants des quartiers dans le cadre de la clause sociale',
      ]),
    );
    expect(themes.some((t) => t.group === 'gup')).toBe(true);
    for (const kind of [
      'publics',
      'marketFamilies',
      'legalLevers',
      'actorTypes',
      'modalities',
    ] as const) {
      expect(await TermModel.countDocuments({ kind })).toBeGreaterThan(3);
    }
  });
});
