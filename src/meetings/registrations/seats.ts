import { readMeeting, type MeetingFilter } from '../meeting-key';
import { MeetingModel } from '../meeting.model';
import { seatsChanged } from '../meeting.version';
import type { SeatsLike } from '../meeting.rules';

/**
 * Places are counters in the meeting document (`seats.taken`, `seats.workshops.<code>.taken`).
 * Every change is ONE conditional update of that document — never read-then-write: the filter
 * carries the condition (a place is left, the capacity is the one just read), so two requests
 * can never both take the last place, on MongoDB or on the embedded database.
 */
const meetings = () => MeetingModel.collection;
const path = (code: string) => `seats.workshops.${code}`;

/** The meeting's counters, and the filter that names that meeting for the update. */
async function readSeats(
  slug: string,
): Promise<{ seats: SeatsLike; meeting: MeetingFilter } | undefined> {
  const read = await readMeeting(slug, (filter) =>
    meetings().findOne(filter, { projection: { seats: 1 } }),
  );
  const seats = read?.found.seats as SeatsLike | undefined;
  return read && seats ? { seats, meeting: read.filter } : undefined;
}

/** The public pages show the places left. */
async function placesMoved(meeting: MeetingFilter): Promise<true> {
  await seatsChanged(meeting);
  return true;
}

const counter = (seats: SeatsLike, code: string) =>
  (seats.workshops as Record<string, { capacity?: number | null; taken?: number }> | undefined)?.[
    code
  ];

const full = (c: { capacity?: number | null; taken?: number | null }) =>
  c.capacity !== null && c.capacity !== undefined && (c.taken ?? 0) >= c.capacity;

/** The condition « a place is left » on one counter whose capacity was read as `capacity`. */
function roomFilter(prefix: string, capacity: number | null | undefined): Record<string, unknown> {
  if (capacity === null || capacity === undefined) return { [`${prefix}.capacity`]: null };
  return { [`${prefix}.capacity`]: capacity, [`${prefix}.taken`]: { $lt: capacity } };
}

/** Takes one place in the workshop and in the meeting, atomically; false when either is full. */
export async function takeSeat(slug: string, code: string): Promise<boolean> {
  // A retry happens when the counters moved between the read and the update (another person took
  // a place, an organiser changed a capacity).
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const read = await readSeats(slug);
    const workshop = read && counter(read.seats, code);
    // Full when read: no update to try (a place given back later promotes the first waiting).
    if (!read || !workshop || full(read.seats) || full(workshop)) return false;
    const { seats, meeting } = read;
    const result = await meetings().updateOne(
      {
        ...meeting,
        ...roomFilter('seats', seats.capacity),
        ...roomFilter(path(code), workshop.capacity),
      },
      { $inc: { 'seats.taken': 1, [`${path(code)}.taken`]: 1 } },
    );
    if (result.matchedCount === 1) return placesMoved(meeting);
  }
  return false;
}

/** Gives back one place of the workshop and the meeting (never below zero). */
export async function releaseSeat(slug: string, code: string): Promise<void> {
  const read = await readSeats(slug);
  if (!read) return;
  const result = await meetings().updateOne(
    { ...read.meeting, 'seats.taken': { $gt: 0 }, [`${path(code)}.taken`]: { $gt: 0 } },
    { $inc: { 'seats.taken': -1, [`${path(code)}.taken`]: -1 } },
  );
  if (result.modifiedCount === 1) await seatsChanged(read.meeting);
}

/** Moves one place from a workshop to another (the meeting's total is unchanged). */
export async function moveSeat(slug: string, from: string, to: string): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const read = await readSeats(slug);
    const target = read && counter(read.seats, to);
    if (!read || !target || !counter(read.seats, from)) return false;
    const result = await meetings().updateOne(
      {
        ...read.meeting,
        [`${path(from)}.taken`]: { $gt: 0 },
        ...roomFilter(path(to), target.capacity),
      },
      { $inc: { [`${path(from)}.taken`]: -1, [`${path(to)}.taken`]: 1 } },
    );
    if (result.matchedCount === 1) return placesMoved(read.meeting);
    const fresh = (await readSeats(slug))?.seats;
    const t = fresh && counter(fresh, to);
    if (!t || full(t)) return false;
  }
  return false;
}
