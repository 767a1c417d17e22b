import { wholeReadBatch } from '../lib/db/whole-read';
import { randomBytes, createHash } from 'node:crypto';
import { SheetModel } from '../sheets';
import { definition } from '../questionnaire';
import type { Answers } from '../questionnaire';
import { addInboxRows } from '../moderation';
import { fullSummary } from '../questionnaire';
import { ResponseModel } from '../questionnaire';
import { nextReferences } from '../questionnaire';
import { freeSlug, freeSlugAmong, sheetIndex, takenSlugs } from '../sheets';
import { Types } from 'mongoose';
import type { ImportKind } from './import.columns';
import type { ImportRow } from './import.rows';

/** Sheet fields from a row (the mapping of import.columns.ts). */
function sheetContent(r: ImportRow) {
  return {
    title: r.text.titre,
    summary: r.text.resume,
    structureName: r.text.structure,
    actorType: r.text.type_structure,
    region: r.text.region,
    department: r.text.departement,
    communes: r.communes,
    themes: r.lists.thematiques ?? [],
    publics: r.lists.publics ?? [],
    marketFamilies: r.lists.familles_marches ?? [],
    legalLevers: r.lists.leviers ?? [],
    modalities: r.lists.modalites ?? [],
    keywords: r.lists.mots_cles ?? [],
    context: r.text.contexte,
    objectives: r.text.objectifs,
    actions: r.text.actions,
    partners: r.text.partenaires,
    successFactors: r.text.facteurs_reussite,
    difficulties: r.text.difficultes,
    transferability: r.text.transferabilite,
    nextSteps: r.text.perspectives,
    results: {
      hoursPlanned: r.numbers.heures_prevues,
      hoursAchieved: r.numbers.heures_realisees,
      participants: r.numbers.participants,
      women: r.numbers.femmes,
      qpvResidents: r.numbers.habitants_qpv,
    },
  };
}

/** Questionnaire answers from a row (question ids of the definition). */
function answers(r: ImportRow) {
  const a: Record<string, unknown> = {
    titrePratique: r.text.titre,
    resumePratique: r.text.resume,
    nomStructure: r.text.structure,
    typeStructure: r.text.type_structure,
    territoire: { region: r.text.region, department: r.text.departement, communes: r.communes },
    thematiques: r.lists.thematiques,
    publicsCibles: r.lists.publics,
    famillesMarches: r.lists.familles_marches,
    leviersJuridiques: r.lists.leviers,
    modalitesRealisation: r.lists.modalites,
    contextePratique: r.text.contexte,
    objectifsPratique: r.text.objectifs,
    actionsPratique: r.text.actions,
    partenaires: r.text.partenaires,
    facteursReussite: r.text.facteurs_reussite,
    difficultes: r.text.difficultes,
    transferabilite: r.text.transferabilite,
    perspectives: r.text.perspectives,
    heuresPrevues: r.numbers.heures_prevues,
    heuresRealisees: r.numbers.heures_realisees,
    participants: r.numbers.participants,
    participantesFemmes: r.numbers.femmes,
    participantsQpv: r.numbers.habitants_qpv,
    periodeResultats: r.text.periode_resultats,
    emailRepondant: r.text.email,
  };
  return Object.fromEntries(
    Object.entries(a).filter(([, v]) => v !== undefined && v !== ''),
  ) as Answers;
}

/**
 * Rows written per insert command: the embedded database holds its lock about 2 ms per sheet it
 * inserts, so 20 keep each command under 50 ms and other writes go between two batches.
 */
const batchSize = 20;

/**
 * Inserts a row unless its key exists: the slow path, for a row whose batch insert was refused
 * by a unique index. The index on the key refuses a row another import (two previews of one file
 * confirmed at once) wrote meanwhile: it counts as already imported. Another duplicate (a slug
 * taken meanwhile) is tried again with a fresh one.
 */
async function insertOnce(exists: () => Promise<unknown>, insert: () => Promise<unknown>) {
  for (let attempt = 1; ; attempt += 1) {
    if (await exists()) return false;
    try {
      await insert();
      return true;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000 || attempt === 3) throw error;
    }
  }
}

/**
 * Inserts `docs` in one unordered command; returns the indexes refused by a unique index (any
 * other error is thrown). Every other document is inserted.
 */
async function insertBatch(
  insert: (docs: object[]) => Promise<unknown>,
  docs: object[],
): Promise<number[]> {
  try {
    await insert(docs);
    return [];
  } catch (error) {
    const failures = (error as { writeErrors?: Array<{ code?: number; index: number }> })
      .writeErrors;
    if (!failures?.length || failures.some((w) => w.code !== 11000)) throw error;
    return failures.map((w) => w.index);
  }
}

/**
 * Writes the checked rows, each marked with its source; a row whose key was already imported is
 * left as it is (importing the same file twice creates nothing). The keys and slugs in use are
 * read once; rows are inserted by batches. Returns what was created.
 */
export async function writeRows(
  kind: ImportKind,
  rows: ImportRow[],
  source: string,
  progress: Progress = async () => undefined,
) {
  const created = await (kind === 'fiches' ? writeSheets : writeResponses)(rows, source, progress);
  return { created, existing: rows.length - created };
}

/** Told how many of the rows have been through, after each batch. */
export type Progress = (done: number) => Promise<void>;

/**
 * The rows not imported yet in batches, each written by `write`; returns how many were created.
 * Progress counts the rows already imported as done.
 */
async function inBatches(
  all: ImportRow[],
  fresh: ImportRow[],
  progress: Progress,
  write: (batch: ImportRow[]) => Promise<number>,
) {
  let created = 0;
  for (let i = 0; i < fresh.length; i += batchSize) {
    created += await write(fresh.slice(i, i + batchSize));
    await progress(all.length - fresh.length + Math.min(i + batchSize, fresh.length));
  }
  return created;
}

const keyOf = (kind: ImportKind, r: ImportRow) => `${kind}:${r.key}`;

async function writeSheets(rows: ImportRow[], source: string, progress: Progress): Promise<number> {
  const [sheets, slugs] = await Promise.all([sheetIndex(), takenSlugs()]);
  const existing = new Set([...sheets.values()].map((s) => s.origin.importKey));
  const doc = (r: ImportRow, slug: string) => ({
    ...sheetContent(r),
    slug,
    status: 'brouillon' as const,
    origin: { kind: 'import' as const, importSource: source, importKey: keyOf('fiches', r) },
    approval: { required: false },
  });
  const fresh = rows.filter((r) => !existing.has(keyOf('fiches', r)));
  return inBatches(rows, fresh, progress, async (batch) => {
    const docs = batch.map((r) => doc(r, freeSlugAmong(r.text.titre, slugs)));
    const refused = await insertBatch((d) => SheetModel.insertMany(d, { ordered: false }), docs);
    let created = batch.length - refused.length;
    for (const r of refused.map((index) => batch[index])) {
      const key = keyOf('fiches', r);
      const inserted = await insertOnce(
        () => SheetModel.exists({ 'origin.importKey': key }),
        async () => SheetModel.create(doc(r, await freeSlug(r.text.titre))),
      );
      if (inserted) created += 1;
    }
    return created;
  });
}

async function writeResponses(
  rows: ImportRow[],
  source: string,
  progress: Progress,
): Promise<number> {
  const imported = await ResponseModel.find({ importKey: { $exists: true } }, { importKey: 1 })
    .batchSize(wholeReadBatch)
    .lean();
  const existing = new Set(imported.map((r) => r.importKey));
  const fresh = rows.filter((r) => !existing.has(keyOf('reponses', r)));
  return inBatches(rows, fresh, progress, async (batch) => {
    const now = new Date();
    const references = await nextReferences(now, batch.length);
    const docs = batch.map((r, i) => responseDoc(r, source, references[i], now));
    // A refused row was imported by another import meanwhile: it counts as existing.
    const refused = new Set(
      await insertBatch((d) => ResponseModel.insertMany(d, { ordered: false }), docs),
    );
    // The documents as inserted (with their _id): the inbox rows are made from them.
    await addInboxRows(docs.filter((_, i) => !refused.has(i)));
    return batch.length - refused.size;
  });
}

function responseDoc(r: ImportRow, source: string, reference: string, now: Date) {
  const given = answers(r);
  return {
    _id: new Types.ObjectId(),
    // A random, never-shown token: an imported response has no private link.
    tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    status: 'envoyee' as const,
    definitionVersion: definition.version,
    answers: given,
    sectionStatus: {},
    contactEmail: r.text.email,
    reference,
    submittedAt: now,
    // Listed in the back-office inbox like any sent response.
    summary: fullSummary(given, { reference, submittedAt: now }),
    fictitious: false,
    importSource: source,
    importKey: keyOf('reponses', r),
  };
}
