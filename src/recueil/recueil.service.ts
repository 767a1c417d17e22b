import { regionScope, type SessionUser } from '../accounts';
import { bumpContentVersion, contentVersion } from '../lib/content-version';
import { versionedView } from '../lib/versioned-view';
import { ConflictError, NotFoundError } from '../lib/errors';
import { byPosition, moved, orderChanged, type Direction } from '../lib/ordering';
import { sheetIndex, SheetModel, sheetShownTo, type Sheet } from '../sheets';
import { RecueilChapterModel } from './recueil-chapter.model';

/**
 * The chapters of the recueil, in order: held per content version (they are written only by the
 * seed, which moves it), as the published set holds them, so the editor and the table of contents
 * do not read them at each request.
 */
const chapters = versionedView(contentVersion, () =>
  RecueilChapterModel.find({}, 'code title position').sort({ position: 1 }).lean(),
);
export const recueilChapters = () => chapters.get();

/**
 * The recueil's table of contents: chapters in order, each with its sheets in order. A regional
 * coordinator sees their région's sheets and the published ones (the national team orders it).
 */
export async function recueilToc(user: SessionUser) {
  const [chapters, sheets] = await Promise.all([
    recueilChapters(),
    sheetIndex().then((all) => [...all.values()].filter((s) => s.recueil?.chapter)),
  ]);
  return chapters.map((c) => ({
    code: c.code,
    title: c.title,
    practices: sheets
      .filter((s) => s.recueil?.chapter === c.code && sheetShownTo(user, s))
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
    const result = await SheetModel.updateOne(
      { _id: p.id, 'recueil.chapter': chapter.code, 'recueil.position': p.position },
      { $set: { 'recueil.position': position } },
    );
    if (result.modifiedCount !== 1) throw new ConflictError(orderChanged);
  }
  await bumpContentVersion();
}

const selectionChanged = 'La sélection a changé entre-temps : rechargez la page et réessayez.';

/** Puts a sheet in a recueil chapter, last; an empty chapter takes it out of the recueil. */
export async function selectForRecueil(sheet: Sheet, chapter: string) {
  if (!chapter) {
    const result = await SheetModel.updateOne(
      { _id: sheet._id, 'recueil.chapter': sheet.recueil?.chapter },
      { $unset: { recueil: '' } },
    );
    if (result.modifiedCount !== 1) throw new ConflictError(selectionChanged);
    return bumpContentVersion();
  }
  if (!(await recueilChapters()).some((c) => c.code === chapter)) {
    throw new NotFoundError('Ce chapitre n’existe pas');
  }
  if (sheet.recueil?.chapter === chapter) return;
  const positions = [...(await sheetIndex()).values()]
    .filter((s) => s.recueil?.chapter === chapter)
    .map((s) => s.recueil?.position ?? 0);
  const position = positions.length ? Math.max(...positions) + 1 : 0;
  const result = await SheetModel.updateOne(
    {
      _id: sheet._id,
      ...(sheet.recueil?.chapter
        ? { 'recueil.chapter': sheet.recueil.chapter }
        : { 'recueil.chapter': { $exists: false } }),
    },
    { $set: { recueil: { chapter, position } } },
  );
  if (result.modifiedCount !== 1) throw new ConflictError(selectionChanged);
  await bumpContentVersion();
}
