import { randomBytes, createHash } from 'node:crypto';
import { PracticeModel } from '../practices/practice.model';
import { definition } from '../questionnaire/questionnaire';
import type { Answers } from '../questionnaire/question-types';
import { syncInboxRows } from '../moderation/inbox-rows';
import { fullSummary } from '../moderation/summary';
import { ResponseModel } from '../questionnaire/response.model';
import { nextReference } from '../questionnaire/response.service';
import { freeSlug } from '../sheets/sheet.slug';
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
 * Writes the checked rows, each marked with its source; a row whose key was already imported is
 * left as it is (importing the same file twice creates nothing). Returns what was created.
 */
export async function writeRows(kind: ImportKind, rows: ImportRow[], source: string) {
  let created = 0;
  for (const r of rows) {
    const importKey = `${kind}:${r.key}`;
    if (kind === 'fiches') {
      if (await PracticeModel.exists({ 'origin.importKey': importKey })) continue;
      await PracticeModel.create({
        ...sheetContent(r),
        slug: await freeSlug(r.text.titre),
        status: 'brouillon',
        origin: { kind: 'import', importSource: source, importKey },
        approval: { required: false },
      });
    } else {
      if (await ResponseModel.exists({ importKey })) continue;
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
    created += 1;
  }
  return { created, existing: rows.length - created };
}
