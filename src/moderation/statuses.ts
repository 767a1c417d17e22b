/**
 * The moderation status machine: the one place that says which status may follow which.
 * reçue → en examen → retenue | écartée (reason required) → archivée.
 */
import { moderationStatuses, type ModerationStatus } from '../questionnaire';

export { moderationStatuses, type ModerationStatus };

export const statusLabels: Record<ModerationStatus, string> = {
  recue: 'Reçue',
  'en-examen': 'En examen',
  retenue: 'Retenue',
  ecartee: 'Écartée',
  archivee: 'Archivée',
};

/** Tag colour of each status (inbox and review page). */
export const statusTags: Record<ModerationStatus, string> = {
  recue: 'tag--blue',
  'en-examen': 'tag--yellow',
  retenue: 'tag--green',
  ecartee: 'tag--grey',
  archivee: 'tag--grey',
};

const transitions: Record<ModerationStatus, readonly ModerationStatus[]> = {
  recue: ['en-examen'],
  'en-examen': ['retenue', 'ecartee'],
  retenue: ['archivee'],
  ecartee: ['archivee'],
  archivee: [],
};

/** The verb of each target status, on buttons and in messages. */
export const actionLabels: Record<ModerationStatus, string> = {
  recue: 'Remettre en « reçue »',
  'en-examen': 'Passer en examen',
  retenue: 'Retenir',
  ecartee: 'Écarter',
  archivee: 'Archiver',
};

export const isModerationStatus = (value: unknown): value is ModerationStatus =>
  typeof value === 'string' && (moderationStatuses as readonly string[]).includes(value);

export const nextStatuses = (from: ModerationStatus): readonly ModerationStatus[] =>
  transitions[from];

export const canMove = (from: ModerationStatus, to: ModerationStatus): boolean =>
  transitions[from].includes(to);

/** Statuses from which `to` can be reached (bulk changes). */
export const statusesLeadingTo = (to: ModerationStatus): ModerationStatus[] =>
  moderationStatuses.filter((from) => canMove(from, to));

/** A reason must be given to leave a response out. */
export const needsReason = (to: ModerationStatus): boolean => to === 'ecartee';
