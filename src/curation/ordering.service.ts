import { Types } from 'mongoose';
import { bumpContentVersion } from '../lib/content-version';
import { ConflictError, NotFoundError } from '../lib/errors';
import { PracticeModel } from '../practices/practice.model';
import { RecueilChapterModel } from '../practices/recueil-chapter.model';
import { workshopsOf } from './workshops';

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

/** The practices selected for a meeting, by workshop in programme order, each in its order. */
export async function meetingPractices(slug: string) {
  const found = await workshopsOf(slug);
  if (!found) throw new NotFoundError('Cette rencontre n’existe pas');
  const sheets = await PracticeModel.find(
    { 'meetingSelections.meeting': slug },
    'title status meetingSelections',
  ).lean();
  const workshops = found.workshops.map((w) => ({
    ...w,
    practices: sheets
      .flatMap((s) =>
        s.meetingSelections
          .map((sel, index) => ({ sel, index }))
          .filter(({ sel }) => sel.meeting === slug && sel.workshop === w.code)
          .map(({ sel, index }) => ({
            id: String(s._id),
            title: s.title,
            status: s.status,
            index,
            element: sel,
            position: sel.position ?? 0,
            presenterName: sel.presenterName ?? '',
            presenterStructure: sel.presenterStructure ?? '',
          })),
      )
      .sort(byPosition),
  }));
  return { meeting: found.meeting, workshops };
}

/** Moves a practice up or down in its workshop: positions renumbered, each write conditional. */
export async function moveInWorkshop(slug: string, workshop: string, id: string, dir: Direction) {
  const { workshops } = await meetingPractices(slug);
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

/** The recueil's table of contents: chapters in order, each with its sheets in order. */
export async function recueilToc() {
  const [chapters, sheets] = await Promise.all([
    RecueilChapterModel.find({}, 'code title position').sort({ position: 1 }).lean(),
    PracticeModel.find({ 'recueil.chapter': { $exists: true } }, 'title status recueil').lean(),
  ]);
  return chapters.map((c) => ({
    code: c.code,
    title: c.title,
    practices: sheets
      .filter((s) => s.recueil?.chapter === c.code)
      .map((s) => ({
        id: String(s._id),
        title: s.title,
        status: s.status,
        position: s.recueil?.position ?? 0,
      }))
      .sort(byPosition),
  }));
}

/** Moves a sheet up or down in its chapter (conditional on the positions read). */
export async function moveInRecueil(id: string, dir: Direction) {
  const chapter = (await recueilToc()).find((c) => c.practices.some((p) => p.id === id));
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
