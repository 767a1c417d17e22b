import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';
import { isDeepStrictEqual } from 'node:util';
import { NotFoundError } from '../lib/errors';
import { OlderLinkModel } from './older-link.model';
import { responsesWritten } from './response-events';
import { fullSummary, summaryQuestionIds, summarySet } from './response-summary';
import type { Section } from './definition.types';
import type { Answers } from './question-types';
import { definition, isSectionComplete, sections, sectionState } from './questionnaire';
import {
  CounterModel,
  ResponseModel,
  type Change,
  type Revision,
  type SurveyResponse,
} from './response.model';

/**
 * The private resume link is the only key to a response: the response's id (24 hex digits) then
 * 256 bits of randomness, URL-safe. The id lets the response be read by `_id`, the one filter the
 * embedded database answers without reading every response; the whole token's hash is checked.
 * Links made before the id was part of them (43 characters) are found by their hash, itself the
 * `_id` of their entry in `olderresumelinks`.
 */
const tokenPattern = /^([a-f0-9]{24})[A-Za-z0-9_-]{43}$/;
const olderTokenPattern = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export class TokenNotFoundError extends NotFoundError {
  constructor() {
    super('Ce lien de reprise ne correspond à aucune réponse', { token: true });
  }
}

const tokenFor = (_id: Types.ObjectId) =>
  `${_id.toHexString()}${randomBytes(32).toString('base64url')}`;

export async function createDraft(
  contactEmail?: string,
): Promise<{ token: string; response: SurveyResponse }> {
  const _id = new Types.ObjectId();
  const token = tokenFor(_id);
  const created = await ResponseModel.create({
    _id,
    tokenHash: hashToken(token),
    definitionVersion: definition.version,
    contactEmail: contactEmail || undefined,
  });
  await responsesWritten([created._id]);
  return { token, response: created.toObject() };
}

export async function findByToken(token: string): Promise<SurveyResponse> {
  const id = tokenPattern.exec(token)?.[1];
  if (!id && !olderTokenPattern.test(token)) throw new TokenNotFoundError();
  const tokenHash = hashToken(token);
  const responseId = id
    ? new Types.ObjectId(id)
    : (await OlderLinkModel.findOne({ _id: tokenHash }).lean())?.response;
  if (!responseId) throw new TokenNotFoundError();
  const response = await ResponseModel.findOne({ _id: responseId }).lean<SurveyResponse>();
  if (!response) throw new TokenNotFoundError();
  if (sameHash(response.tokenHash, tokenHash)) return response;
  // A link replaced by a newer one (e-mailed by the retention warning) keeps working.
  const replaced = id && (await OlderLinkModel.findOne({ _id: tokenHash }).lean());
  if (!replaced || !replaced.response.equals(response._id)) throw new TokenNotFoundError();
  return response;
}

/**
 * A new private link for a response whose link only its author has (the database keeps hashes):
 * the link in use keeps working, recorded by its hash like the older links.
 */
export async function reissueLink(response: Pick<SurveyResponse, '_id' | 'tokenHash'>) {
  const token = tokenFor(response._id);
  await OlderLinkModel.updateOne(
    { _id: response.tokenHash },
    { $set: { response: response._id } },
    { upsert: true },
  );
  // Not a save by the person: the draft's retention still counts from their last one.
  await ResponseModel.updateOne(
    { _id: response._id },
    { $set: { tokenHash: hashToken(token) } },
    { timestamps: false },
  );
  return token;
}

/** A change made through the resume link after sending, kept next to the first submission. */
export function amendment(section: string, changes: Change[]): Revision {
  return { at: new Date(), by: 'répondant (lien de reprise)', section, changes };
}

/** What changed between the stored answers and the new ones, for the section's questions. */
function diff(section: Section, before: Answers, after: Answers): Change[] {
  return section.questions
    .filter((q) => !isDeepStrictEqual(before[q.id], after[q.id]))
    .map((q) => ({ question: q.id, before: before[q.id], after: after[q.id] }));
}

/**
 * Stores one page's answers in a single atomic update. After submission, every save that changes
 * something is kept as a revision (what, when, by whom) next to the untouched first submission.
 */
export async function saveSection(
  response: SurveyResponse,
  section: Section,
  answers: Answers,
  extra: { contactEmail?: string } = {},
): Promise<void> {
  const $set: Record<string, unknown> = {
    [`sectionStatus.${section.slug}`]: isSectionComplete(section, { ...response, answers })
      ? 'termine'
      : 'en-cours',
  };
  const $unset: Record<string, ''> = {};
  for (const q of section.questions) {
    if (answers[q.id] === undefined) $unset[`answers.${q.id}`] = '';
    else $set[`answers.${q.id}`] = answers[q.id];
  }
  if (extra.contactEmail) $set.contactEmail = extra.contactEmail;
  // A sent response keeps its inbox summary in step, in this same update.
  if (response.status === 'envoyee') {
    Object.assign(
      $set,
      summarySet(
        answers,
        section.questions.map((q) => q.id),
      ),
    );
  }

  const changes = diff(section, response.answers, answers);
  const update: Record<string, unknown> = { $set };
  if (Object.keys($unset).length) update.$unset = $unset;
  if (response.status === 'envoyee' && changes.length) {
    update.$push = { revisions: amendment(section.slug, changes) };
  }
  await ResponseModel.updateOne({ _id: response._id }, update);
  if (section.questions.some((q) => summaryQuestionIds.includes(q.id))) {
    await responsesWritten([response._id]);
  }
}

export function incompleteSections(response: SurveyResponse): Section[] {
  return sections.filter((s) => sectionState(response, s) !== 'termine');
}

/** The next number of the year's sequence: atomic, so two sends never get the same one. */
export async function nextReference(now: Date): Promise<string> {
  return (await nextReferences(now, 1))[0];
}

/** `count` consecutive references taken at once (an import): one counter update. */
export async function nextReferences(now: Date, count: number): Promise<string[]> {
  const year = now.getFullYear();
  const counter = await CounterModel.findOneAndUpdate(
    { _id: `reponses-${year}` },
    { $inc: { seq: count } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  const first = counter!.seq - count + 1;
  return Array.from(
    { length: count },
    (_, i) => `BP-${year}-${String(first + i).padStart(5, '0')}`,
  );
}

/**
 * Sends a complete draft: reference number, date, a frozen copy of the first submission, and the
 * back-office summary (status « reçue »).
 *
 * The reference is taken by the one conditional update that turns the draft into a submission;
 * of several sends at once (double click, two tabs) only that update succeeds (`firstTime`, the
 * caller sends the confirmation e-mail then), the others see the stored reference. A number
 * drawn by a losing send stays unused; the unique index on `reference` guards the rest.
 */
export async function submit(
  response: SurveyResponse,
): Promise<{ reference: string; firstTime: boolean }> {
  if (response.status === 'envoyee') return { reference: response.reference!, firstTime: false };
  const now = new Date();
  const reference = await nextReference(now);
  const result = await ResponseModel.updateOne(
    { _id: response._id, status: 'brouillon' },
    {
      $set: {
        status: 'envoyee',
        reference,
        submittedAt: now,
        firstSubmission: { at: now, answers: response.answers },
        summary: fullSummary(response.answers, { reference, submittedAt: now }),
      },
    },
  );
  if (result.modifiedCount === 0) {
    const current = await ResponseModel.findById(response._id, 'reference').lean();
    return { reference: current!.reference!, firstTime: false };
  }
  await responsesWritten([response._id]);
  return { reference, firstTime: true };
}
