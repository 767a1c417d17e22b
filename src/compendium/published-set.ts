import { wholeReadBatch } from '../lib/db/whole-read';
import { contentVersion } from '../lib/content-version';
import { versionedView } from '../lib/versioned-view';
import { MeetingModel } from '../meetings';
import { SheetModel, type SheetRecord } from '../sheets';
import { RecueilChapterModel } from '../recueil';
import { department, region } from '../reference';
import { taxonomyLabel } from '../reference';
import {
  buildSearchIndex,
  searchIndex,
  SearchIndexGone,
  type IndexedDoc,
  type SearchResult,
} from './search-index';

/** A published sheet as readers see it, with every label resolved once per publication. */
export type PublishedPractice = Omit<SheetRecord, 'contact' | 'approval' | 'origin'> & {
  id: string;
  regionName: string;
  departmentName: string;
  meetings: Array<{ slug: string; title: string; workshop: string; date?: Date }>;
  labels: Record<'actorType', string> &
    Record<'themes' | 'legalLevers' | 'marketFamilies' | 'publics' | 'modalities', string[]>;
  /** Public contact: stored on the sheet only as the respondent consented. */
  contact?: SheetRecord['contact'];
  updatedAt?: Date;
};

export interface RecueilChapterEntry {
  code: string;
  title: string;
  intro?: string;
  practices: PublishedPractice[];
}

export interface PublishedSet {
  version: number;
  /** Order in which this process started loading its sets. */
  generation: number;
  /** Newest first. */
  practices: PublishedPractice[];
  bySlug: Map<string, PublishedPractice>;
  byId: Map<string, PublishedPractice>;
  /** Former slug → current slug (titles change, links stay). */
  formerSlugs: Map<string, string>;
  /**
   * Full-text search over these sheets (hits of sheets published since are left out). If the
   * index is gone, the set is loaded again (which rebuilds it) and asked once more, unless
   * `retry` is false.
   */
  search(q: string, retry?: boolean): Promise<SearchResult>;
  meetings: Map<string, { title: string; date?: Date }>;
  chapters: RecueilChapterEntry[];
}

const bodyFields = [
  'context',
  'objectives',
  'actions',
  'partners',
  'successFactors',
  'difficulties',
  'transferability',
  'nextSteps',
] as const;

/** What the search index reads of a sheet: its words, field by field. */
function indexedDoc(p: PublishedPractice): IndexedDoc {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    body: bodyFields.map((f) => p[f] ?? '').join('\n'),
    place: [p.regionName, p.departmentName, ...p.communes.map((c) => c.name)].join(' '),
    tags: [
      p.structureName,
      ...p.keywords,
      ...p.labels.themes,
      ...p.labels.publics,
      ...p.labels.marketFamilies,
    ].join(' '),
  };
}

/** A sheet as readers see it (also the back office's preview and the author's approval page). */
export function toPublished(
  p: SheetRecord & { _id: unknown; updatedAt?: Date },
  meetings: PublishedSet['meetings'],
): PublishedPractice {
  // Editorial workflow fields never reach public pages.
  const rest: Partial<typeof p> = { ...p };
  delete rest.approval;
  delete rest.origin;
  return {
    ...(rest as typeof p),
    id: String(p._id),
    regionName: region(p.region)?.name ?? p.region,
    departmentName: department(p.department)?.name ?? p.department,
    meetings: p.meetingSelections
      .filter((s) => meetings.has(s.meeting))
      .map((s) => ({
        slug: s.meeting,
        workshop: s.workshop,
        title: meetings.get(s.meeting)?.title ?? s.meeting,
        date: meetings.get(s.meeting)?.date,
      })),
    labels: {
      actorType: taxonomyLabel('actorTypes', p.actorType),
      themes: p.themes.map((v) => taxonomyLabel('themes', v)),
      legalLevers: p.legalLevers.map((v) => taxonomyLabel('legalLevers', v)),
      marketFamilies: p.marketFamilies.map((v) => taxonomyLabel('marketFamilies', v)),
      publics: p.publics.map((v) => taxonomyLabel('publics', v)),
      modalities: p.modalities.map((v) => taxonomyLabel('modalities', v)),
    },
    contact: p.contact && (p.contact.name || p.contact.email) ? p.contact : undefined,
  };
}

/** Most recently published first, then by title (code units, as MongoDB compares strings). */
function newestFirst<T extends { publishedAt?: Date | null; title: string }>(rows: T[]): T[] {
  const time = (r: T) => r.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return rows.sort((a, b) => {
    if (time(a) !== time(b)) return time(a) < time(b) ? 1 : -1;
    return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
  });
}

let loads = 0;

async function load(version: number): Promise<PublishedSet> {
  const generation = ++loads;
  const [rows, meetingRows, chapterRows] = await Promise.all([
    // Sorted here: a sorted read makes the embedded database decode them all in one command.
    SheetModel.find({ status: 'publiee' }).batchSize(wholeReadBatch).lean().then(newestFirst),
    MeetingModel.find({}, 'slug title date published').lean(),
    RecueilChapterModel.find({}).sort({ position: 1 }).lean(),
  ]);
  // A meeting not (yet) published is not named on practice pages (its page would be a 404).
  const meetings = new Map(
    meetingRows
      .filter((m) => m.published !== false)
      .map((m) => [m.slug, { title: m.title, date: m.date }]),
  );
  const practices = rows.map((p) => toPublished(p as Parameters<typeof toPublished>[0], meetings));
  const bySlug = new Map(practices.map((p) => [p.slug, p]));
  const formerSlugs = new Map<string, string>();
  for (const p of practices) for (const old of p.slugHistory) formerSlugs.set(old, p.slug);
  const chapters = chapterRows.map((c) => ({
    code: c.code,
    title: c.title,
    intro: c.intro ?? undefined,
    practices: practices
      .filter((p) => p.recueil?.chapter === c.code)
      .sort((a, b) => (a.recueil?.position ?? 0) - (b.recueil?.position ?? 0)),
  }));
  await buildSearchIndex(generation, practices.map(indexedDoc));
  const byId = new Map(practices.map((p) => [p.id, p]));
  const set: PublishedSet = {
    version,
    generation,
    practices,
    bySlug,
    byId,
    formerSlugs,
    async search(q, retry = true) {
      try {
        const result = await searchIndex(q);
        return { ...result, hits: result.hits.filter((hit) => byId.has(hit.id)) };
      } catch (error) {
        if (!retry || !(error instanceof SearchIndexGone)) throw error;
        view.forget();
        return (await publishedSet()).search(q, false);
      }
    },
    meetings,
    chapters,
  };
  return set;
}

/**
 * The published sheets of this process, reloaded when the content version (read from the
 * database at most every 2 s, see content-version.ts) differs from the one they were loaded at.
 * Concurrent readers share one reload; loads finishing out of order never go back to an earlier one.
 */
const view = versionedView(contentVersion, load);

export const publishedSet = (): Promise<PublishedSet> => view.get();
