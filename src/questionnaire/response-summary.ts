import type { Answer, Answers, TerritoryAnswer } from './question-types';
import { initialStatus, type ModerationStatus } from './review-status';

/**
 * The small indexed summary the inbox filters and sorts on, so it never scans answers. Each
 * field comes from one question: a save writes the fields of its own section's questions, in
 * the same update as the answers (two pages saved at once cannot overwrite each other's).
 */
export interface ResponseSummary {
  status: ModerationStatus;
  statusAt: Date;
  reference: string;
  submittedAt: Date;
  title: string;
  /** Lower case, without accents: text search and « similar title ». */
  titleKey: string;
  titleWords: string[];
  structure: string;
  structureKey: string;
  actorType: string;
  region: string;
  department: string;
  communes: string[];
  themes: string[];
  publics: string[];
  marketFamilies: string[];
  /** The results the figures add up (null: not answered). */
  hoursPlanned?: number | null;
  hoursAchieved?: number | null;
  participants?: number | null;
  fteAchieved?: number | null;
  women?: number | null;
  qpvResidents?: number | null;
}

/** Lower case, no accents, single spaces: how titles and structures are compared. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const stopWords = new Set(['avec', 'dans', 'pour', 'des', 'les', 'une', 'sur', 'par', 'aux']);
/** The words of a title that tell it apart (4 letters or more, no filler word). */
export function titleWords(title: string): string[] {
  return [...new Set(searchKey(title).split(' '))].filter(
    (w) => w.length >= 4 && !stopWords.has(w),
  );
}

const asText = (a: Answer | undefined) => (typeof a === 'string' ? a.trim() : '');
/** Taxonomy codes of a multiple-choice answer (« Autre » free texts are not codes). */
const asCodes = (a: Answer | undefined) =>
  Array.isArray(a)
    ? (a as unknown[]).filter((v): v is string => typeof v === 'string' && !v.startsWith('autre:'))
    : [];
const asNumber = (a: Answer | undefined) =>
  typeof a === 'number' && Number.isFinite(a) ? a : null;
const asTerritory = (a: Answer | undefined): Partial<TerritoryAnswer> =>
  a && typeof a === 'object' && !Array.isArray(a) ? (a as TerritoryAnswer) : {};

type Fields = Partial<ResponseSummary>;
/** Result question id → the number it feeds. */
const resultSources: Record<string, (a: Answer | undefined) => Fields> = {
  heuresPrevues: (a) => ({ hoursPlanned: asNumber(a) }),
  heuresRealisees: (a) => ({ hoursAchieved: asNumber(a) }),
  participants: (a) => ({ participants: asNumber(a) }),
  etpRealises: (a) => ({ fteAchieved: asNumber(a) }),
  participantesFemmes: (a) => ({ women: asNumber(a) }),
  participantsQpv: (a) => ({ qpvResidents: asNumber(a) }),
};
/** Question id → the summary fields it feeds. */
const sources: Record<string, (a: Answer | undefined) => Fields> = {
  titrePratique: (a) => ({
    title: asText(a),
    titleKey: searchKey(asText(a)),
    titleWords: titleWords(asText(a)),
  }),
  nomStructure: (a) => ({ structure: asText(a), structureKey: searchKey(asText(a)) }),
  typeStructure: (a) => ({ actorType: asText(a) }),
  territoire: (a) => {
    const t = asTerritory(a);
    return {
      region: t.region ?? '',
      department: t.department ?? '',
      communes: (t.communes ?? []).map((c) => c.code),
    };
  },
  thematiques: (a) => ({ themes: asCodes(a) }),
  publicsCibles: (a) => ({ publics: asCodes(a) }),
  famillesMarches: (a) => ({ marketFamilies: asCodes(a) }),
  ...resultSources,
};

/** The questions whose numbers the summary carries for the figures. */
export const resultQuestionIds: readonly string[] = Object.keys(resultSources);

/** The questions whose answers feed the summary (and the inbox row: `territoire` for drafts). */
export const summaryQuestionIds: readonly string[] = Object.keys(sources);

/** The summary fields fed by these questions, from these answers. */
export function summaryFields(answers: Answers, questionIds: readonly string[]): Fields {
  return Object.assign(
    {},
    ...questionIds.filter((id) => Object.hasOwn(sources, id)).map((id) => sources[id](answers[id])),
  ) as Fields;
}

/** The same as `$set` paths (`summary.title`…), to join a response update. */
export function summarySet(answers: Answers, questionIds: readonly string[]) {
  return Object.fromEntries(
    Object.entries(summaryFields(answers, questionIds)).map(([k, v]) => [`summary.${k}`, v]),
  );
}

/** The whole summary of a response being submitted (status « reçue »). */
export function fullSummary(
  answers: Answers,
  facts: { reference: string; submittedAt: Date },
): ResponseSummary {
  return {
    ...(summaryFields(answers, summaryQuestionIds) as ResponseSummary),
    ...facts,
    status: initialStatus,
    statusAt: facts.submittedAt,
  };
}
