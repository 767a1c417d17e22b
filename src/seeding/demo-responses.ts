import { frenchOf } from '../lib/text';
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { definition, sections } from '../questionnaire';
import type { Answers } from '../questionnaire';
import { ResponseModel } from '../questionnaire';
import { commune } from '../reference';
import type { StatusChange } from '../questionnaire';
import { statusesLeadingTo, syncInboxRows } from '../moderation';
import { moderationStatuses, type ModerationStatus } from '../questionnaire';
import { readValidatedJson } from '../lib/json-file';
import { seedsDir } from '../lib/paths';
import { z } from 'zod';
import path from 'node:path';
import { fullSummary } from '../questionnaire';

/**
 * Fictitious sent responses: the demo of a fresh install (never in production), the bench's
 * 5,000 responses and test fixtures. Every one is marked `fictitious` and shown as an example.
 * What they say comes from seeds/demo-responses.json.
 */
const codes = z.array(z.string().min(1)).min(1);
const demoSchema = z.object({
  why: z.string(),
  communes: z.array(z.string().refine((c) => commune(c) !== undefined, 'commune inconnue')).min(1),
  actorTypes: codes,
  themes: codes,
  publics: codes,
  marketFamilies: codes,
  titles: codes,
  structures: codes,
  statuses: z.array(z.enum(moderationStatuses)).min(1),
  texts: z.object({
    summary: z.string(),
    context: z.string(),
    actions: z.string(),
    rejectionReason: z.string(),
  }),
  moderator: z.object({ name: z.string(), email: z.string() }),
});
let demoCache: z.infer<typeof demoSchema> | undefined;
const demo = () =>
  (demoCache ??= readValidatedJson(path.join(seedsDir, 'demo-responses.json'), demoSchema));

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];

/** Complete answers of the i-th fictitious response (varied régions, actor types, figures). */
export function exampleAnswers(i: number): Answers {
  const d = demo();
  const place = commune(pick(d.communes, i))!;
  const participants = 10 + ((i * 7) % 60);
  const planned = 2000 + ((i * 1373) % 20000);
  return {
    nomRepondant: `Camille Exemple ${i + 1}`,
    nomStructure: `${pick(d.structures, i)} ${frenchOf(place.name)} (exemple)`,
    typeStructure: pick(d.actorTypes, i),
    emailRepondant: `exemple-${i + 1}@exemple.fr`,
    territoire: {
      region: place.region,
      department: place.department,
      communes: [{ code: place.code, name: place.name }],
    },
    titrePratique: pick(d.titles, i),
    resumePratique: d.texts.summary,
    contextePratique: d.texts.context,
    actionsPratique: d.texts.actions,
    dateDebut: `202${1 + (i % 3)}-0${1 + (i % 9)}`,
    thematiques: [pick(d.themes, i), pick(d.themes, i + 2)],
    famillesMarches: [
      pick(d.marketFamilies, i),
      ...(i % 3 === 0 ? [pick(d.marketFamilies, i + 1)] : []),
    ],
    publicsCibles: [pick(d.publics, i), pick(d.publics, i + 1)],
    heuresPrevues: planned,
    heuresRealisees: Math.round(planned * (0.6 + (i % 5) * 0.1)),
    etpRealises: Math.round((planned / 1600) * 10) / 10,
    participants,
    participantesFemmes: Math.floor(participants * (0.1 + (i % 4) * 0.1)),
    participantsQpv: Math.floor(participants * (0.3 + (i % 3) * 0.2)),
    consentementPublication: 'oui-publication',
    contactPublic: 'structure-seulement',
    consentementDonnees: 'oui',
  };
}

/** The status changes that lead a response from « reçue » to `status` (each step once). */
function historyTo(status: ModerationStatus, at: Date): StatusChange[] {
  const steps: ModerationStatus[] = [status];
  while (steps[0] !== 'recue') steps.unshift(statusesLeadingTo(steps[0])[0]);
  return steps.slice(1).map((to, i) => ({
    at: new Date(at.getTime() + (i + 1) * 3_600_000),
    by: { id: new Types.ObjectId('000000000000000000000000'), ...demo().moderator },
    from: steps[i],
    to,
    reason: to === 'ecartee' ? demo().texts.rejectionReason : '',
  }));
}

/** A whole sent response document, ready to insert (summary and history consistent). */
export function responseDocument(opts: {
  answers: Answers;
  reference: string;
  submittedAt: Date;
  status?: ModerationStatus;
  fictitious?: boolean;
}) {
  const status = opts.status ?? 'recue';
  const history = historyTo(status, opts.submittedAt);
  return {
    tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    status: 'envoyee' as const,
    definitionVersion: definition.version,
    answers: opts.answers,
    sectionStatus: Object.fromEntries(sections.map((s) => [s.slug, 'termine' as const])),
    reference: opts.reference,
    submittedAt: opts.submittedAt,
    firstSubmission: { at: opts.submittedAt, answers: opts.answers },
    revisions: [],
    attachments: [],
    fictitious: opts.fictitious ?? false,
    summary: {
      ...fullSummary(opts.answers, { reference: opts.reference, submittedAt: opts.submittedAt }),
      status,
      statusAt: history.at(-1)?.at ?? opts.submittedAt,
    },
    moderation: { history, notes: [] },
  };
}

/**
 * About twelve fictitious sent responses over the statuses, régions and actor types, when the
 * database has no response at all (a fresh install). Returns how many were added.
 */
export async function seedDemoResponses(now = new Date()): Promise<number> {
  await ResponseModel.init();
  if ((await ResponseModel.estimatedDocumentCount()) > 0) return 0;
  const year = now.getFullYear();
  const statuses = demo().statuses;
  const docs = statuses.map((status, i) =>
    responseDocument({
      answers: exampleAnswers(i),
      reference: `EX-${year}-${String(i + 1).padStart(5, '0')}`,
      submittedAt: new Date(now.getTime() - (statuses.length - i) * 86_400_000),
      status,
      fictitious: true,
    }),
  );
  const inserted = await ResponseModel.insertMany(docs);
  await syncInboxRows(inserted.map((r) => r._id));
  return docs.length;
}
