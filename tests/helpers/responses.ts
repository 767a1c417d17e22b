import { exampleAnswers, responseDocument } from '../../src/seeding/demo-responses';
import { syncInboxRows } from '../../src/moderation/inbox-rows';
import type { ModerationStatus } from '../../src/moderation/statuses';
import type { Answers } from '../../src/questionnaire/question-types';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { commune } from '../../src/reference/geography';

let counter = 0;

export interface TestResponseOptions {
  /** Which example answers to start from (see exampleAnswers). */
  example?: number;
  status?: ModerationStatus;
  /** Answers replacing the example's. */
  answers?: Partial<Answers>;
  /** INSEE code of the commune (sets région, département and commune). */
  commune?: string;
  submittedAt?: Date;
}

/** Inserts one sent response straight into the database, with its inbox row; returns its id and reference. */
export async function insertResponse(options: TestResponseOptions = {}) {
  counter += 1;
  const answers: Answers = {
    ...exampleAnswers(options.example ?? counter),
    ...options.answers,
  } as Answers;
  if (options.commune) {
    const c = commune(options.commune)!;
    answers.territoire = {
      region: c.region,
      department: c.department,
      communes: [{ code: c.code, name: c.name }],
    };
  }
  const reference = `BP-2099-${String(counter).padStart(5, '0')}`;
  const created = await ResponseModel.create(
    responseDocument({
      answers,
      reference,
      submittedAt: options.submittedAt ?? new Date(Date.UTC(2026, 0, 1) + counter * 60_000),
      status: options.status,
    }),
  );
  await syncInboxRows([created._id]);
  return { id: String(created._id), reference, answers };
}

/** Inserts a draft (never sent: no summary) and its inbox row. */
export async function insertDraft(region = '11') {
  counter += 1;
  const draft = await ResponseModel.create({
    tokenHash: `draft-${counter}-${process.pid}-${Math.random()}`,
    definitionVersion: 1,
    answers: { territoire: { region, department: '', communes: [] } },
  });
  await syncInboxRows([draft._id]);
  return draft;
}
