import { Types } from 'mongoose';
import { inRegionScope, regionScope, type SessionUser } from '../auth';
import { bumpContentVersion } from '../lib/content-version';
import { ConflictError, NotFoundError } from '../lib/errors';
import { PracticeModel } from '../practices/practice.model';
import { RecueilChapterModel } from '../practices/recueil-chapter.model';
import { workshopsIn } from './workshops';

export type Direction = 'monter' | 'descendre';

const byPosition = <T extends { position: number; title: string }>(a: T, b: T) =>
  a.position - b.position || a.title.localeCompare(b.title, 'fr');

/** The list with one item moved one place up or down (unchanged at either end). */
export function moved<T extends { id: string }>(list: T[], id: string, direction: Direction): T[] {
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) throw new NotFoundError();
  const j = direction === 'monter' ? i - 1 : i + 1;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

const changed = 'L’ordre a changé entre-temps : rechargez la page et réessayez.';

/**
 * Whether a selected sheet's details may be shown to the user: their région's sheets, and any
 * published sheet (public anyway). Another région's unpublished sheet shows as a masked row, so
 * that its place in the order still makes sense.
 */
const shownTo = (user: SessionUser, s: { region: string; status: string }) =>
  s.status === 'publiee' || inRegionScope(user, s.region);

type Meeting = { slug: string; programme: Parameters<typeof workshopsIn>[0]['programme'] };

/** The practices selected for a meeting (already in the user's scope), by workshop, in order. */
export async function meetingPractices(meeting: Meeting, user: SessionUser) {
  const slug = meeting.slug;
  const sheets = await PracticeModel.find(
    { 'meetingSelections.meeting': slug },
    'title status region meetingSelections',
  ).lean();
  const workshops = workshopsIn(meeting).map((w) => ({
    ...w,
    practices: sheets
      .flatMap((s) =>
        s.meetingSelections
          .map((sel, index) => ({ sel, index }))
          .filter(({ sel }) => sel.meeting === slug && sel.workshop === w.code)
          .map(({ sel, index }) => {
            const shown = shownTo(user, s);
            return {
              id: String(s._id),
              shown,
              title: shown ? s.title : 'Fiche d’une autre région, pas encore publiée',
              status: s.status,
              index,
              element: sel,
              position: sel.position ?? 0,
              presenterName: shown ? (sel.presenterName ?? '') : '',
              presenterStructure: shown ? (sel.presenterStructure ?? '') : '',
            };
          }),
      )
      .sort(byPosition),
  }));
  return { meeting, workshops };
}

/** Moves a practice up or down in its workshop: positions renumbered, each write conditional. */
export async function moveInWorkshop(
  meeting: Meeting,
  user: SessionUser,
  move: { workshop: string; id: string; direction: Direction },
) {
  const { workshop, id, direction: dir } = move;
  const { workshops } = await meetingPractices(meeting, user);
  const list = workshops.find((w) => w.code === workshop)?.practices;
  if (!list) throw new NotFoundError();
  const order = moved(list, id, dir);
  for (const [position, p] of order.entries()) {
    if (p.position === position) continue;
    const result = await PracticeModel.collection.updateOne(
      { _id: new Types.ObjectId(p.id), [`meetingSelections.${p.index}`]: p.element },
      { $set: { [`meetingSelections.${p.index}.position`]: position } },
    );
    if (result.modifiedCount !== 1) throw new ConflictError(changed);
  }
  await bumpContentVersion();
}

/**
 * The recueil's table of contents: chapters in order, each with its sheets in order. A regional
 * coordinator sees their région's sheets and the published ones (the national team orders it).
 */
export async function recueilToc(user: SessionUser) {
  const [chapters, sheets] = await Promise.all([
    RecueilChapterModel.find({}, 'code title position').sort({ position: 1 }).lean(),
    PracticeModel.find(
      { 'recueil.chapter': { $exists: true } },
      'title status region recueil',
    ).lean(),
  ]);
  return chapters.map((c) => ({
    code: c.code,
    title: c.title,
    practices: sheets
      .filter((s) => s.recueil?.chapter === c.code && shownTo(user, s))
      .map((s) => ({
        id: String(s._id),
        title: s.title,
        status: s.status,
        position: s.recueil?.position ?? 0,
      }))
      .sort(byPosition),
  }));
}

/** National users order the recueil (`requireNational` on the route); others only read it. */
export const ordersRecueil = (user: SessionUser) => regionScope(user) === undefined;

/** Moves a sheet up or down in its chapter (conditional on the positions read); national users. */
export async function moveInRecueil(user: SessionUser, id: string, dir: Direction) {
  const chapter = (await recueilToc(user)).find((c) => c.practices.some((p) => p.id === id));
  if (!chapter) throw new NotFoundError();
  const order = moved(chapter.practices, id, dir);
  for (const [position, p] of order.entries()) {
    if (p.position === position) continue;
    const result = await PracticeModel.updateOne(
      { _id: p.id, 'recueil.chapter': chapter.code, 'recueil.position': p.position },
      { $set: { 'recueil.position': position } },
    );
    if (result.modifiedCount !== 1) throw new ConflictError(changed);
  }
  await bumpContentVersion();
}
