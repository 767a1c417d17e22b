import type { Types } from 'mongoose';
import type { Config, RetentionPolicy } from './config';
import type { Mailer } from './mail';

/**
 * The registry of personal data. Each feature declares, in one file of its own, which of its
 * fields are personal, how to find, export and erase them for one person, and how long they are
 * kept. The privacy page, the record of processing activities, the respondent's « Mes données »,
 * the admin's search and the retention job all read these declarations, never the models.
 */

/** Whose data: a person by e-mail (admin) or the holder of one response's private link. */
export type DataSubject = { email: string } | { responseId: Types.ObjectId };

/** One thing held about the person, as exported (JSON) and listed on the pages. */
export interface HeldItem {
  /** What it is, in French (« Réponse BP-2026-00012 »). */
  label: string;
  /** Its state or a short description, in French. */
  detail?: string;
  data: unknown;
  /** GridFS files that belong to it (exported in the ZIP). */
  files?: Array<{ id: Types.ObjectId; filename: string }>;
}

/** One line of an erasure or retention report: what, how many, deleted or anonymised. */
export interface ReportLine {
  what: string;
  count: number;
  how: 'supprimé' | 'anonymisé' | 'averti';
}

/** A processing activity (GDPR art. 30), as the privacy page and the record show it. */
export interface Processing {
  name: string;
  purpose: string;
  legalBasis: string;
  people: string;
  data: string;
  recipients: string;
  /** The retention the code applies, said from the configured durations. */
  retention(policy: RetentionPolicy): string;
}

/** Fields of one collection: the personal ones, and look-alikes that are not, with why. */
export interface CollectionFields {
  personal: string[];
  notPersonal?: Record<string, string>;
}

export interface PersonalDataDeclaration {
  processing: Processing;
  /** Mongoose model name → its fields (a test checks every e-mail, name or phone is covered). */
  fields: Record<string, CollectionFields>;
  find(subject: DataSubject): Promise<HeldItem[]>;
  erase(subject: DataSubject, now: Date): Promise<ReportLine[]>;
  /** What the retention job removes or anonymises (`dryRun`: counts only, nothing written). */
  retain?(run: RetentionRun): Promise<ReportLine[]>;
}

/** One run of the retention job. */
export interface RetentionRun {
  config: Config;
  policy: RetentionPolicy;
  now: Date;
  /** Counts only: nothing is written, deleted or sent. */
  dryRun: boolean;
  mailer: Mailer;
}

/** Now minus a number of days, months or years (calendar months, UTC). */
export function before(now: Date, amount: { days?: number; months?: number; years?: number }) {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - (amount.years ?? 0));
  d.setUTCMonth(d.getUTCMonth() - (amount.months ?? 0));
  d.setUTCDate(d.getUTCDate() - (amount.days ?? 0));
  return d;
}

/** A report line kept only when it counts something. */
export const line = (what: string, count: number, how: ReportLine['how']): ReportLine[] =>
  count ? [{ what, count, how }] : [];

/** Lower-cased and trimmed, as e-mails are compared. */
export const sameEmail = (a: unknown, email: string) =>
  typeof a === 'string' && a.trim().toLowerCase() === email.trim().toLowerCase();
