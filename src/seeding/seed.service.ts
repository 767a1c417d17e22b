import { seedDemoSelection } from './demo-selection';
import { examplesRemoved } from '../examples';
import { MeetingModel } from '../meetings';
import { seedDemoResponses } from './demo-responses';
import { seedMeetings } from './meeting.seed';
import { SheetModel } from '../sheets';
import { RecueilChapterModel } from '../recueil';
import { seedTaxonomy, taxonomyKinds, vocabularyChanged } from '../reference';
import { TermModel } from '../reference';
import { generatePassword } from '../accounts';
import { upsertUser, userExists } from '../accounts';
import { loadChapterSeeds, loadMeetingSeeds, loadPracticeSeeds } from './seed-files';

export interface SeedReport {
  terms: number;
  meetings: number;
  practices: number;
  /** Fictitious sent responses added for the back-office inbox (never in production). */
  demoResponses: number;
  /** Set when the demo admin was created in this run; password only when it was generated. */
  admin?: { email: string; generatedPassword?: string };
}

/** Upserts that insert what `filter` does not find, and never change what exists. */
function insertMissing<T extends object>(
  items: T[],
  filter: (item: T, position: number) => Record<string, unknown>,
  document: (item: T, position: number) => Record<string, unknown>,
) {
  return items.map((item, position) => ({
    updateOne: {
      filter: filter(item, position),
      update: { $setOnInsert: document(item, position) },
      upsert: true,
    },
  }));
}

/**
 * Reference terms, chapters and demo practices: inserted once, then the admins' to change.
 * `examples` false: no fictitious content (no example meeting, no demo practice).
 */
async function seedContent(production: boolean, examples: boolean) {
  // Validate every file before writing anything: a bad file leaves the database untouched.
  const tax = seedTaxonomy();
  const meetings = loadMeetingSeeds();
  const practices = loadPracticeSeeds();
  const chapters = loadChapterSeeds();
  await Promise.all([
    TermModel.init(),
    MeetingModel.init(),
    SheetModel.init(),
    RecueilChapterModel.init(),
  ]);
  // Labels, order and retirement belong to the admins once a term exists.
  const termOps = taxonomyKinds.flatMap((kind) =>
    insertMissing(
      tax[kind],
      (entry) => ({ kind, code: entry.code }),
      (entry, position) => ({ ...entry, kind, position }),
    ),
  );
  await TermModel.bulkWrite(termOps, { ordered: false });
  await seedMeetings(meetings, { examples: examples && !production });
  await RecueilChapterModel.bulkWrite(
    insertMissing(
      chapters,
      (c) => ({ code: c.code }),
      (c, position) => ({ ...c, position }),
    ),
    { ordered: false },
  );
  const now = new Date();
  const demo = { status: 'publiee', fictitious: true, origin: { kind: 'demo' } };
  if (examples) {
    await SheetModel.bulkWrite(
      insertMissing(
        practices,
        (p) => ({ slug: p.slug }),
        (p) => ({ ...p, ...demo, publishedAt: now, firstPublishedAt: now }),
      ),
      { ordered: false },
    );
  }
  return {
    terms: termOps.length,
    meetings: meetings.length,
    practices: examples ? practices.length : 0,
  };
}

/**
 * Loads the reference taxonomy, the regional meetings and the fictitious demo practices, and
 * creates the demo admin. Idempotent: terms, meetings and practices are only inserted when
 * missing, so admins' renames and retirements and editors' changes survive a re-seed.
 */
export async function seedDatabase(
  admin: { email: string; password?: string },
  /** `production`: no fictitious example data (example meeting, demo responses). */
  options: { production?: boolean } = {},
): Promise<SeedReport> {
  // Examples an admin removed (go-live) are never loaded again.
  const examples = !(await examplesRemoved());
  const counts = await seedContent(Boolean(options.production), examples);
  if (examples) await seedDemoSelection();
  // Readers' caches (every process) reload the vocabularies, the published set and pages.
  await vocabularyChanged();
  const report: SeedReport = {
    ...counts,
    demoResponses: options.production || !examples ? 0 : await seedDemoResponses(),
  };
  if (!(await userExists(admin.email))) {
    const password = admin.password ?? generatePassword();
    await upsertUser(admin.email, password, 'admin');
    report.admin = {
      email: admin.email,
      ...(admin.password ? {} : { generatedPassword: password }),
    };
  }
  return report;
}

/** True when the database holds no seeded content yet (first start). */
export async function isEmpty(): Promise<boolean> {
  return (await TermModel.estimatedDocumentCount()) === 0;
}
