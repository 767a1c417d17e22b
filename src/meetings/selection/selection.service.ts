import { Types } from 'mongoose';
import type { SessionUser } from '../../accounts';
import { bumpContentVersion } from '../../lib/content-version';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { byPosition, moved, orderChanged, type Direction } from '../../lib/ordering';
import { sheetIndex, SheetModel, sheetShownTo, sheetsWritten, type Sheet } from '../../sheets';
import { workshopsIn } from './workshops';

/**
 * The practices presented at a meeting's workshops: a selection ties a sheet to a workshop, and
 * each workshop keeps its own order. Another région's unpublished sheet shows as a masked row, so
 * that its place in the order still makes sense (README « Régions and shared objects »).
 */

const selectionChanged = 'La sélection a changé entre-temps : rechargez la page et réessayez.';

/** Selections written through the driver: the sheet index and the public pages follow. */
async function selectionsWritten(ids: string[]) {
  if (!ids.length) return;
  await sheetsWritten(ids);
  await bumpContentVersion();
}

type Meeting = { slug: string; programme: Parameters<typeof workshopsIn>[0]['programme'] };

/** The practices selected for a meeting (already in the user's scope), by workshop, in order. */
export async function meetingPractices(meeting: Meeting, user: SessionUser) {
  const slug = meeting.slug;
  const sheets = [...(await sheetIndex()).values()].filter((s) =>
    s.meetingSelections.some((sel) => sel.meeting === slug),
  );
  const workshops = workshopsIn(meeting).map((w) => ({
    ...w,
    practices: sheets
      .flatMap((s) =>
        s.meetingSelections
          .map((sel, index) => ({ sel, index }))
          .filter(({ sel }) => sel.meeting === slug && sel.workshop === w.code)
          .map(({ sel, index }) => {
            const shown = sheetShownTo(user, s);
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
  const written: string[] = [];
  try {
    for (const [position, p] of order.entries()) {
      if (p.position === position) continue;
      const result = await SheetModel.collection.updateOne(
        { _id: new Types.ObjectId(p.id), [`meetingSelections.${p.index}`]: p.element },
        { $set: { [`meetingSelections.${p.index}.position`]: position } },
      );
      if (result.modifiedCount !== 1) throw new ConflictError(orderChanged);
      written.push(p.id);
    }
  } finally {
    await selectionsWritten(written);
  }
}

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
  const others = [...(await sheetIndex()).values()].filter((s) =>
    s.meetingSelections.some((sel) => sel.meeting === meeting.slug),
  );
  const positions = others.flatMap((o) =>
    o.meetingSelections
      .filter((s) => s.meeting === meeting.slug && s.workshop === choice.workshop)
      .map((s) => s.position ?? 0),
  );
  const n = current.length;
  const result = await SheetModel.collection.updateOne(
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
  if (result.modifiedCount !== 1) throw new ConflictError(selectionChanged);
  await selectionsWritten([String(sheet._id)]);
}

/** Removes one workshop selection: exact `$pull`, on condition it is still at its index. */
export async function unselectWorkshop(sheet: Sheet, meeting: string, workshop: string) {
  const index = sheet.meetingSelections.findIndex(
    (s) => s.meeting === meeting && s.workshop === workshop,
  );
  if (index < 0) throw new NotFoundError();
  const element = sheet.meetingSelections[index];
  const result = await SheetModel.collection.updateOne(
    { _id: sheet._id, [`meetingSelections.${index}`]: element },
    { $pull: { meetingSelections: element } } as never,
  );
  if (result.modifiedCount !== 1) throw new ConflictError(selectionChanged);
  await selectionsWritten([String(sheet._id)]);
}
