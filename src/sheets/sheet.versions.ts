import { isDeepStrictEqual } from 'node:util';
import { Types } from 'mongoose';
import { NotFoundError } from '../lib/errors';
import { fieldLabels } from './sheet.fields';
import { SheetVersionModel } from './sheet-version.model';

export interface Actor {
  id: string;
  email: string;
  name?: string;
}

export const versionActions = {
  creation: 'Création',
  modification: 'Modification',
  'demande-validation': 'Validation demandée à l’auteur',
  'validation-auteur': 'Validée par l’auteur',
  'modification-demandee': 'Modification demandée par l’auteur',
  publication: 'Publication',
  depublication: 'Dépublication',
} as const;
export type VersionAction = keyof typeof versionActions;

/** The versioned content of a sheet: every field a person edits (not the workflow state). */
export function snapshotOf(sheet: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fieldLabels)) {
    const [head, sub] = key.split('/');
    const value = sub ? (sheet[head] as Record<string, unknown> | undefined)?.[sub] : sheet[head];
    if (value !== undefined && value !== null && value !== '') out[key] = value;
  }
  return out;
}

export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.keys(fieldLabels).filter((k) => !isDeepStrictEqual(before[k], after[k]));
}

export async function recordVersion(
  sheet: Record<string, unknown> & { _id: Types.ObjectId; revision: number },
  action: VersionAction,
  by: Actor | null,
  previous?: Record<string, unknown>,
): Promise<void> {
  const snapshot = snapshotOf(sheet);
  await SheetVersionModel.create({
    sheetId: sheet._id,
    revision: sheet.revision,
    at: new Date(),
    by: by ? { id: by.id, email: by.email, name: by.name ?? '' } : { name: 'Auteur (lien privé)' },
    action,
    changed: previous ? changedFields(previous, snapshot) : [],
    snapshot,
  });
}

export async function listVersions(sheetId: Types.ObjectId) {
  const versions = await SheetVersionModel.find({ sheetId }, '-snapshot').sort({ at: -1 }).lean();
  return versions.map((v) => ({
    ...v,
    actionLabel: versionActions[v.action as VersionAction] ?? v.action,
    changedLabels: v.changed.map((c) => fieldLabels[c] ?? c),
  }));
}

/** A place (commune, QPV) as « name (code) », any other object as JSON. */
const item = (v: unknown): string => {
  const place = v as { code?: unknown; name?: unknown } | null;
  if (typeof place === 'object' && place && typeof place.name === 'string')
    return `${place.name} (${String(place.code)})`;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

const show = (value: unknown): string =>
  value === undefined ? '—' : Array.isArray(value) ? value.map(item).join(', ') : String(value);

/** Field-by-field comparison of two versions of one sheet (only fields that differ). */
export async function compareVersions(sheetId: Types.ObjectId, a: string, b: string) {
  if (!Types.ObjectId.isValid(a) || !Types.ObjectId.isValid(b)) throw new NotFoundError();
  const found = await SheetVersionModel.find({
    sheetId,
    _id: { $in: [new Types.ObjectId(a), new Types.ObjectId(b)] },
  }).lean();
  const older = found.find((v) => String(v._id) === a);
  const newer = found.find((v) => String(v._id) === b);
  if (!older || !newer) throw new NotFoundError('Version introuvable');
  const left = older.snapshot as Record<string, unknown>;
  const right = newer.snapshot as Record<string, unknown>;
  return {
    older,
    newer,
    rows: changedFields(left, right).map((k) => ({
      label: fieldLabels[k] ?? k,
      before: show(left[k]),
      after: show(right[k]),
    })),
  };
}
