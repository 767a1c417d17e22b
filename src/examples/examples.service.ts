import { Schema, model } from 'mongoose';
import { record } from '../audit';
import type { SessionUser } from '../accounts';
import { exampleMeetings, removeExampleMeetings } from '../meetings';
import { inboxRows } from '../moderation';
import { deleteResponse, ResponseModel, type SurveyResponse } from '../questionnaire';
import { removeSheets, sheetsToRemove } from '../sheets';

/**
 * The demonstration's content — fictitious sheets, fictitious responses and the sheets made from
 * them, the example meeting with its registrations — counted, and removed at go-live. Once removed,
 * a new seeding never brings it back (the removal is written down).
 */
export interface ExampleCounts {
  sheets: number;
  responses: number;
  meetings: number;
  registrations: number;
}

// When, not who: the journal says who (and this holds no personal data).
const removalSchema = new Schema({ _id: String, at: Date }, { versionKey: false });
const ExamplesRemovalModel = model('ExamplesRemoval', removalSchema, 'examplesremovals');
const removalId = 'exemples-retires';

/** Whether an admin removed the examples (seeding then leaves them out). */
export async function examplesRemoved(): Promise<boolean> {
  return (await ExamplesRemovalModel.findOne({ _id: removalId }).lean()) !== null;
}

/** What remains, from the indexes each process holds (no read of a whole collection). */
async function whatRemains() {
  const responses = [...(await inboxRows()).values()]
    .filter((r) => r.fictitious)
    .map((r) => String(r._id));
  const sheets = await sheetsToRemove({ fictitious: true, fromResponses: new Set(responses) });
  return { responses, sheets, meetings: await exampleMeetings() };
}

export async function countExamples(): Promise<ExampleCounts> {
  const { responses, sheets, meetings } = await whatRemains();
  return {
    sheets: sheets.length,
    responses: responses.length,
    meetings: meetings.length,
    registrations: meetings.reduce((n, m) => n + m.registrations.length, 0),
  };
}

export const anyExample = (c: ExampleCounts) => c.sheets + c.responses + c.meetings > 0;

/**
 * Removes every fictitious object, says how many of each went, and writes it down in the journal
 * (`by` absent: the command line).
 */
export async function removeExamples(by?: SessionUser, ip?: string): Promise<ExampleCounts> {
  const { responses, sheets } = await whatRemains();
  const removed = { sheets: await removeSheets(sheets), responses: 0 };
  for (const id of responses) {
    const r = await ResponseModel.findOne({ _id: id }, 'attachments').lean<SurveyResponse>();
    if (!r) continue;
    await deleteResponse(r);
    removed.responses += 1;
  }
  const counts = { ...removed, ...(await removeExampleMeetings()) };
  await ExamplesRemovalModel.replaceOne(
    { _id: removalId },
    { _id: removalId, at: new Date() },
    { upsert: true },
  );
  await record({
    actor: by ?? null,
    action: 'examples.removed',
    target: { type: 'exemples', id: removalId, label: 'Données d’exemple' },
    details: { ...counts },
    ip,
  });
  return counts;
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** « 30 fiches, 120 réponses, 1 rencontre et ses 4 inscriptions » */
export function countsText(c: ExampleCounts): string {
  return [
    plural(c.sheets, 'fiche', 'fiches'),
    plural(c.responses, 'réponse', 'réponses'),
    `${plural(c.meetings, 'rencontre', 'rencontres')} (${plural(c.registrations, 'inscription', 'inscriptions')})`,
  ].join(', ');
}
