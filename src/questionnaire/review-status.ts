/**
 * The review statuses a sent response can have, as stored on it; a response is sent « reçue ».
 * Which status may follow which is the moderation's status machine (src/moderation/statuses.ts).
 */
export const moderationStatuses = ['recue', 'en-examen', 'retenue', 'ecartee', 'archivee'] as const;
export type ModerationStatus = (typeof moderationStatuses)[number];
export const initialStatus: ModerationStatus = 'recue';
