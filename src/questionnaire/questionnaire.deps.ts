import type { Types } from 'mongoose';
import type { Config } from '../lib/config';
import type { Mailer } from '../lib/mail';

/** What the questionnaire's routes are given as the app is put together. */
export interface QuestionnaireDeps {
  config: Config;
  mailer: Mailer;
  /** The sheets made from a response that wait for its author (the editorial layer's). */
  sheetsToReview(
    responseId: Types.ObjectId,
  ): Promise<
    Array<{ _id: unknown; title: string; approval?: { requestedAt?: Date | null } | null }>
  >;
}
