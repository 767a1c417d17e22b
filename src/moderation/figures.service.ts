import type { Answers } from '../questionnaire';
import { ResponseModel, type SurveyResponse } from '../questionnaire';
import { taxonomyLabel } from '../reference';
import { actorTypeLabel, regionName } from './labels';
import { scopeFilter } from './status.service';
import { moderationStatuses, statusLabels } from './statuses';
import type { ResponseSummary } from '../questionnaire';

/** One series of figures: a chart, its data table and its CSV. */
export interface Dataset {
  slug: string;
  title: string;
  /** Header of the label column. */
  keyLabel: string;
  /** Header of the value column (and unit of the chart). */
  valueLabel: string;
  /** « % » series are drawn on a 0–100 scale. */
  percent?: boolean;
  rows: Array<{ label: string; value: number }>;
}

const num = (a: Answers, id: string): number | undefined =>
  typeof a[id] === 'number' && Number.isFinite(a[id]) ? (a[id] as number) : undefined;
const sum = (values: Array<number | undefined>) =>
  values.reduce<number>((total, v) => total + (v ?? 0), 0);
const round1 = (n: number) => Math.round(n * 10) / 10;
const percent = (part: number, whole: number) => (whole > 0 ? round1((100 * part) / whole) : 0);

/** Counts of the codes found in each response (a response counts once per code). */
function countBy(values: string[][], label: (code: string) => string) {
  const counts = new Map<string, number>();
  for (const codes of values) {
    for (const code of new Set(codes.filter(Boolean)))
      counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts]
    .map(([code, value]) => ({ label: label(code), value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'fr'));
}

type Row = Pick<SurveyResponse, 'answers'> & { summary: ResponseSummary };

/** Share of `part` among participants, over the responses giving both numbers. */
function shareOfParticipants(answers: Answers[], part: string) {
  const giving = answers.filter(
    (a) => num(a, 'participants') !== undefined && num(a, part) !== undefined,
  );
  return percent(
    sum(giving.map((a) => num(a, part))),
    sum(giving.map((a) => num(a, 'participants'))),
  );
}

/** Hours achieved of a response are shared equally between its market families. */
function hoursByFamily(rows: Row[]) {
  const hours = new Map<string, number>();
  for (const r of rows) {
    const achieved = num(r.answers, 'heuresRealisees');
    const families = r.summary.marketFamilies ?? [];
    if (!achieved || families.length === 0) continue;
    for (const f of families) hours.set(f, (hours.get(f) ?? 0) + achieved / families.length);
  }
  const total = sum([...hours.values()]);
  return [...hours]
    .map(([code, h]) => ({
      label: taxonomyLabel('marketFamilies', code),
      value: percent(h, total),
    }))
    .sort((a, b) => b.value - a.value);
}

/** Who answered: by status, région, actor type and theme. */
function countDatasets(rows: Row[]): Dataset[] {
  const responses = (slug: string, keyLabel: string, title: string, data: Dataset['rows']) => ({
    slug,
    keyLabel,
    title,
    valueLabel: 'Réponses',
    rows: data,
  });
  return [
    responses(
      'statuts',
      'Statut',
      'Réponses par statut',
      moderationStatuses.map((s) => ({
        label: statusLabels[s],
        value: rows.filter((r) => r.summary.status === s).length,
      })),
    ),
    responses(
      'regions',
      'Région',
      'Réponses par région',
      countBy(
        rows.map((r) => [r.summary.region]),
        regionName,
      ),
    ),
    responses(
      'types-acteurs',
      'Type d’acteur',
      'Réponses par type d’acteur',
      countBy(
        rows.map((r) => [r.summary.actorType]),
        actorTypeLabel,
      ),
    ),
    responses(
      'thematiques',
      'Thématique',
      'Réponses par thématique',
      countBy(
        rows.map((r) => r.summary.themes ?? []),
        (c) => taxonomyLabel('themes', c),
      ),
    ),
  ];
}

/** What the actions achieved: hours, participants, shares. */
function resultDatasets(rows: Row[]): Dataset[] {
  const answers = rows.map((r) => r.answers);
  const total = (id: string) => sum(answers.map((a) => num(a, id)));
  return [
    {
      slug: 'heures',
      keyLabel: 'Indicateur',
      title: 'Heures d’insertion prévues et réalisées',
      valueLabel: 'Heures',
      rows: [
        { label: 'Heures prévues', value: total('heuresPrevues') },
        { label: 'Heures réalisées', value: total('heuresRealisees') },
      ],
    },
    {
      slug: 'participants',
      keyLabel: 'Indicateur',
      title: 'Participants et équivalents temps plein',
      valueLabel: 'Nombre',
      rows: [
        { label: 'Participants', value: total('participants') },
        { label: 'Équivalents temps plein réalisés', value: round1(total('etpRealises')) },
      ],
    },
    {
      slug: 'publics',
      keyLabel: 'Participants',
      title: 'Part des femmes et des habitants des QPV parmi les participants',
      valueLabel: 'Pourcentage',
      percent: true,
      // Only over responses giving both numbers (women ≤ participants is enforced).
      rows: [
        { label: 'Femmes', value: shareOfParticipants(answers, 'participantesFemmes') },
        { label: 'Habitants des QPV', value: shareOfParticipants(answers, 'participantsQpv') },
      ],
    },
    {
      slug: 'heures-familles',
      keyLabel: 'Famille de marchés',
      title: 'Part des heures réalisées par famille de marchés',
      valueLabel: 'Pourcentage',
      percent: true,
      rows: hoursByFamily(rows),
    },
  ];
}

/**
 * The back-office figures of the sent responses the moderator may see. Computed here from one
 * plain read (FerretDB answers multi-accumulator $group wrongly): counts by status, région,
 * actor type and theme, then the indicators of the results section.
 */
export async function computeFigures(scope?: string[]) {
  const rows = await ResponseModel.find(
    { 'summary.status': { $in: [...moderationStatuses] }, ...scopeFilter(scope) },
    { summary: 1, answers: 1 },
  ).lean<Row[]>();
  return { total: rows.length, datasets: [...countDatasets(rows), ...resultDatasets(rows)] };
}
