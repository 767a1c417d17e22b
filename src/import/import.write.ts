import { randomBytes, createHash } from 'node:crypto';
import { SheetModel } from '../sheets';
import { definition } from '../questionnaire';
import type { Answers } from '../questionnaire';
import { syncInboxRows } from '../moderation';
import { fullSummary } from '../questionnaire';
import { ResponseModel } from '../questionnaire';
import { nextReference } from '../questionnaire';
import { freeSlug } from '../sheets';
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
    themes: r.lists.thematiques ?? [],
    publics: r.lists.publics ?? [],
    marketFamilies: r.lists.familles_marches ?? [],
    legalLevers: r.lists.leviers ?? [],
    keywords: r.lists.mots_cles ?? [],
    context: r.text.contexte,
    objectives: r.text.objectifs,
    actions: r.text.actions,
    partners: r.text.partenaires,
    successFactors: r.text.facteurs_reussite,
    difficulties: r.text.difficultes,
    transferability: r.text.transferabilite,
    results: { hoursAchieved: r.numbers.heures_realisees, participants: r.numbers.participants },
  };
}

/** Questionnaire answers from a row (question ids of the definition). */
function answers(r: ImportRow) {
  const a: Record<string, unknown> = {
    titrePratique: r.text.titre,
    resumePratique: r.text.resume,
    nomStructure: r.text.structure,
    typeStructure: r.text.type_structure,
    territoire: { region: r.text.region, department: r.text.departement, communes: [] },
    thematiques: r.lists.thematiques,
    publicsCibles: r.lists.publics,
    famillesMarches: r.lists.familles_marches,
    leviersJuridiques: r.lists.leviers,
    contextePratique: r.text.contexte,
    objectifsPratique: r.text.objectifs,
    actionsPratique: r.text.actions,
    partenaires: r.text.partenaires,
    facteursReussite: r.text.facteurs_reussite,
    difficultes: r.text.difficultes,
    transferabilite: r.text.transferabilite,
    heuresRealisees: r.numbers.heures_realisees,
    participants: r.numbers.participants,
    emailRepondant: r.text.email,
  };
  return Object.fromEntries(
    Object.entries(a).filter(([, v]) => v !== undefined && v !== ''),
  ) as Answers;
}

/**
 * Inserts a row unless its key exists. A unique index on the key refuses a row another import
 * (two previews of one file confirmed at once) wrote meanwhile: it counts as already imported.
 * Another duplicate (the free slug just taken) is tried again with a fresh one.
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
 * Writes the checked rows, each marked with its source; a row whose key was already imported is
 * left as it is (importing the same file twice creates nothing). Returns what was created.
 */
export async function writeRows(kind: ImportKind, rows: ImportRow[], source: string) {
  let created = 0;
  for (const r of rows) {
    const importKey = `${kind}:${r.key}`;
    const inserted =
      kind === 'fiches'
        ? await insertOnce(
            () => SheetModel.exists({ 'origin.importKey': importKey }),
            async () =>
              SheetModel.create({
                ...sheetContent(r),
                slug: await freeSlug(r.text.titre),
                status: 'brouillon',
                origin: { kind: 'import', importSource: source, importKey },
                approval: { required: false },
              }),
          )
        : await insertOnce(
            () => ResponseModel.exists({ importKey }),
            () => createResponse(r, source, importKey),
          );
    if (inserted) created += 1;
  }
  return { created, existing: rows.length - created };
}

async function createResponse(r: ImportRow, source: string, importKey: string) {
  const now = new Date();
  const given = answers(r);
  const reference = await nextReference(now);
  const response = await ResponseModel.create({
    // A random, never-shown token: an imported response has no private link.
    tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    status: 'envoyee',
    definitionVersion: definition.version,
    answers: given,
    sectionStatus: {},
    contactEmail: r.text.email,
    reference,
    submittedAt: now,
    // Listed in the back-office inbox like any sent response.
    summary: fullSummary(given, { reference, submittedAt: now }),
    importSource: source,
    importKey,
  });
  await syncInboxRows([response._id]);
}
