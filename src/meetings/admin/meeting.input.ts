import type { SlotKind } from '../meeting.model';

/**
 * The meeting editor's form: fields, programme rows (repeated `creneau*` fields), workshop rows
 * (repeated `atelier*` fields). Empty rows are ignored, so the page can offer blank rows.
 */
export interface MeetingInput {
  slug: string;
  title: string;
  stage: number | null;
  region: string;
  date: Date;
  venue: { name: string; address: string; postalCode: string; city: string };
  summary: string;
  audience: string;
  contact: { organisation: string; email: string };
  programmeStatus: 'provisoire' | 'definitif';
  published: boolean;
  capacity: number | null;
  registration: { opensAt: Date | null; closesAt: Date | null };
  anonymiseAfterMonths: number;
  programme: Array<{
    start: string;
    end: string;
    title: string;
    kind: SlotKind;
    note?: string;
    workshops?: Array<{ code: string; title: string; description?: string; theme?: string }>;
  }>;
  workshopCapacities: Record<string, number | null>;
  overlapsConfirmed: boolean;
}
