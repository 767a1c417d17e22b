import type { Types } from 'mongoose';
import type { ModerationStatus } from './review-status';

/** Who did something in the back office, as kept on the response. */
export interface ModeratorRef {
  id: Types.ObjectId;
  name: string;
  email: string;
}

/** One status change: who, when, from what to what, and why. */
export interface StatusChange {
  at: Date;
  by: ModeratorRef;
  from: ModerationStatus;
  to: ModerationStatus;
  reason: string;
}

/** An internal note, never shown to the respondent. */
export interface InternalNote {
  _id: Types.ObjectId;
  at: Date;
  author: ModeratorRef;
  text: string;
}

export interface ModerationRecord {
  history: StatusChange[];
  notes: InternalNote[];
}
