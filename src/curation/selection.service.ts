import { bumpContentVersion } from '../lib/content-version';
import { ConflictError, NotFoundError } from '../lib/errors';
import { PracticeModel } from '../practices/practice.model';
import { RecueilChapterModel } from '../practices/recueil-chapter.model';
import type { Sheet } from '../sheets/sheet.service';
import { workshopsIn } from './workshops';

const changed = 'La sélection a changé entre-temps : rechargez la page et réessayez.';

/**
 * Selects a sheet for one workshop of one meeting, last in that workshop's order. FerretDB 1.24
 * has no positional operator and no whole-element filter: the push is conditional on the array
 * being exactly as read (its last element at its index, nothing after it).
 */
export async function selectForWorkshop(
  sheet: Sheet,
  meeting: { slug: string } & Parameters<typeof workshopsIn>[0],
  choice: { workshop: string; presenterName: string; presenterStructure: string },
) {
  if (!workshopsIn(meeting).some((w) => w.code === choice.workshop)) {
    throw new NotFoundError('Cet atelier n’existe pas');
  }
  const current = sheet.meetingSelections;
  if (current.some((s) => s.meeting === meeting.slug && s.workshop === choice.workshop)) {
    throw new ConflictError('Cette fiche est déjà sélectionnée pour cet atelier.');
  }
  const others = await PracticeModel.find(
    { 'meetingSelections.meeting': meeting.slug },
    'meetingSelections',
  ).lean();
  const positions = others.flatMap((o) =>
    o.meetingSelections
      .filter((s) => s.meeting === meeting.slug && s.workshop === choice.workshop)
      .map((s) => s.position ?? 0),
  );
  const n = current.length;
  const result = await PracticeModel.collection.updateOne(
    {
      _id: sheet._id,
      [`meetingSelections.${n}`]: { $exists: false },
      ...(n > 0 && { [`meetingSelections.${n - 1}`]: current[n - 1] }),
    },
    {
      $push: {
        meetingSelections: {
          meeting: meeting.slug,
          workshop: choice.workshop,
          presenterName: choice.presenterName,
          presenterStructure: choice.presenterStructure,
          position: positions.length ? Math.max(...positions) + 1 : 0,
        },
      },
    } as never,
  );
  if (result.modifiedCount !== 1) throw new ConflictError(changed);
  await bumpContentVersion();
}

/** Removes one workshop selection: exact `$pull`, on condition it is still at its index. */
export async function unselectWorkshop(sheet: Sheet, meeting: string, workshop: string) {
  const index = sheet.meetingSelections.findIndex(
    (s) => s.meeting === meeting && s.workshop === workshop,
  );
  if (index < 0) throw new NotFoundError();
  const element = sheet.meetingSelections[index];
  const result = await PracticeModel.collection.updateOne(
    { _id: sheet._id, [`meetingSelections.${index}`]: element },
    { $pull: { meetingSelections: element } } as never,
  );
  if (result.modifiedCount !== 1) throw new ConflictError(changed);
  await bumpContentVersion();
}

/** Puts a sheet in a recueil chapter, last; an empty chapter takes it out of the recueil. */
export async function selectForRecueil(sheet: Sheet, chapter: string) {
  if (!chapter) {
    const result = await PracticeModel.updateOne(
      { _id: sheet._id, 'recueil.chapter': sheet.recueil?.chapter },
      { $unset: { recueil: '' } },
    );
    if (result.modifiedCount !== 1) throw new ConflictError(changed);
    return bumpContentVersion();
  }
  if (!(await RecueilChapterModel.exists({ code: chapter }))) {
    throw new NotFoundError('Ce chapitre n’existe pas');
  }
  if (sheet.recueil?.chapter === chapter) return;
  const last = await PracticeModel.find({ 'recueil.chapter': chapter }, 'recueil')
    .sort({ 'recueil.position': -1 })
    .limit(1)
    .lean();
  const position = last.length ? (last[0].recueil?.position ?? 0) + 1 : 0;
  const result = await PracticeModel.updateOne(
    {
      _id: sheet._id,
      ...(sheet.recueil?.chapter
        ? { 'recueil.chapter': sheet.recueil.chapter }
        : { 'recueil.chapter': { $exists: false } }),
    },
    { $set: { recueil: { chapter, position } } },
  );
  if (result.modifiedCount !== 1) throw new ConflictError(changed);
  await bumpContentVersion();
}
