import path from 'node:path';
import type { RequestHandler } from 'express';
import mongoose, { Types } from 'mongoose';
import { z } from 'zod';
import { bumpContentVersion, contentVersion, onContentVersion } from '../lib/content-version';
import { readValidatedJson } from '../lib/json-file';
import { seedsDir } from '../lib/paths';
import { TermModel, taxonomyKinds, type TaxonomyKind } from './term.model';

/** One choice of a list, as forms offer it. */
export interface Option {
  /** Stable code stored in the database (kebab-case ASCII). Never reuse a code for another meaning. */
  value: string;
  /** French label shown to the respondent. */
  label: string;
  /** Optional French hint under the option. */
  hint?: string;
  /** A retired taxonomy term: no longer offered, kept where an answer already holds it. */
  retired?: boolean;
}

const code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'code en kebab-case ASCII attendu');
const termEntry = z.object({
  code,
  label: z.string().min(2),
  description: z.string().optional(),
  group: z.string().optional(),
  reference: z.string().optional(),
});
export type TermEntry = z.infer<typeof termEntry>;

const uniqueCodes = (entries: TermEntry[]) =>
  new Set(entries.map((e) => e.code)).size === entries.length;
const termList = z.array(termEntry).min(1).refine(uniqueCodes, 'codes en double');

const taxonomySchema = z.object(
  Object.fromEntries(taxonomyKinds.map((kind) => [kind, termList])) as Record<
    TaxonomyKind,
    typeof termList
  >,
);
export type SeedTaxonomy = z.infer<typeof taxonomySchema>;

let seedCache: SeedTaxonomy | undefined;

/** The taxonomy shipped in seeds/taxonomy.json (what seeding adds), validated once. */
export function seedTaxonomy(): SeedTaxonomy {
  seedCache ??= readValidatedJson(path.join(seedsDir, 'taxonomy.json'), taxonomySchema);
  return seedCache;
}

/** A term as the app uses it at run time: retired (or merged) terms keep their label. */
export interface VocabularyTerm extends TermEntry {
  retired: boolean;
  /** The code of the term this one was merged into (a merged term is retired too). */
  mergedInto?: string;
}
export type Vocabulary = Record<TaxonomyKind, VocabularyTerm[]>;

const fromSeed = (): Vocabulary =>
  Object.fromEntries(
    taxonomyKinds.map((kind) => [
      kind,
      seedTaxonomy()[kind].map((t) => ({ ...t, retired: false })),
    ]),
  ) as Vocabulary;

let current: Vocabulary | undefined;

/**
 * The vocabularies of this process: the terms stored in the database (admins add, rename, merge
 * and retire them), reloaded whenever the content version changes — every taxonomy change bumps
 * it — before anything is rendered for that version. The seed file until the database has terms.
 */
export function taxonomy(): Vocabulary {
  current ??= fromSeed();
  return current;
}

/** Reloads started / the latest applied: a slow, older read never replaces a newer one. */
let started = 0;
let applied = 0;

/**
 * The stored terms' stamp, new at each change of them (`vocabularyChanged`), read by `_id`: a
 * content version moved by a publication then costs one small read instead of every term. Without
 * a stamp (terms written otherwise, a database emptied) the terms are read at each version.
 */
const stamps = () => mongoose.connection.collection<{ _id: string; stamp: string }>('counters');
const stampId = 'vocabulary-stamp';
let heldStamp: string | undefined;

async function reloadVocabulary(): Promise<void> {
  const load = ++started;
  const stamp = (await stamps().findOne({ _id: stampId }))?.stamp;
  if (stamp !== undefined && stamp === heldStamp) return;
  const terms = await TermModel.find(
    {},
    'kind code label description group reference retiredAt mergedInto',
  )
    .sort({ kind: 1, position: 1 })
    .lean();
  if (load < applied) return;
  applied = load;
  heldStamp = stamp;
  if (terms.length === 0) {
    current = fromSeed();
    return;
  }
  const next = Object.fromEntries(taxonomyKinds.map((k) => [k, []])) as unknown as Vocabulary;
  for (const t of terms) {
    next[t.kind].push({
      code: t.code,
      label: t.label,
      ...(t.description ? { description: t.description } : {}),
      ...(t.group ? { group: t.group } : {}),
      ...(t.reference ? { reference: t.reference } : {}),
      retired: Boolean(t.retiredAt),
      ...(t.mergedInto ? { mergedInto: t.mergedInto } : {}),
    });
  }
  current = next;
}
onContentVersion(reloadVocabulary);

/** The vocabularies as of the current content version (for code outside a request: CLI, import). */
export async function currentTaxonomy(): Promise<Vocabulary> {
  await contentVersion();
  return taxonomy();
}

/** Every request past this point sees the vocabularies of the current content version. */
export const followVocabulary: RequestHandler = (_req, _res, next) => {
  contentVersion().then(() => next(), next);
};

/** After a change to the stored terms: this process reloads now, the others within 2 s. */
export async function vocabularyChanged(): Promise<void> {
  const stamp = new Types.ObjectId().toHexString();
  await stamps().updateOne({ _id: stampId }, { $set: { stamp } }, { upsert: true });
  await bumpContentVersion();
  await contentVersion();
}

/**
 * The choices of one list as options (code → label). Retired terms are left out unless
 * `withRetired`: then they come flagged, for forms that keep a value already chosen.
 */
export function taxonomyOptions(kind: TaxonomyKind, { withRetired = false } = {}): Option[] {
  const terms = taxonomy()[kind];
  return terms
    .filter((t) => withRetired || !t.retired)
    .map((t) => ({
      value: t.code,
      label: t.label,
      ...(t.description ? { hint: t.description } : {}),
      ...(t.retired ? { retired: true } : {}),
    }));
}

/** Label of a code (retired terms included), or the code itself when unknown (« Autre »). */
export function taxonomyLabel(kind: TaxonomyKind, value: string): string {
  return taxonomy()[kind].find((t) => t.code === value)?.label ?? value;
}

/** Terms listed publicly (facets, key figures): active ones, retired ones while still in use. */
export function publicTerms(
  kind: TaxonomyKind,
  inUse: (code: string) => boolean,
): VocabularyTerm[] {
  return taxonomy()[kind].filter((t) => !t.retired || inUse(t.code));
}

/** Is the code a term of the list still offered for new choices? */
export const isActiveTerm = (kind: TaxonomyKind, value: string): boolean =>
  taxonomy()[kind].some((t) => t.code === value && !t.retired);

export { taxonomyKinds, type TaxonomyKind };
