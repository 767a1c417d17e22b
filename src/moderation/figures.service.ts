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
  const answers = rows.map((r) => r.answers);

  // Percentages only over responses giving both numbers (women ≤ participants is enforced).
  const withWomen = answers.filter(
    (a) => num(a, 'participants') !== undefined && num(a, 'participantesFemmes') !== undefined,
  );
  const withQpv = answers.filter(
    (a) => num(a, 'participants') !== undefined && num(a, 'participantsQpv') !== undefined,
  );
  // Hours achieved of a response are shared equally between its market families.
  const hoursByFamily = new Map<string, number>();
  for (const r of rows) {
    const hours = num(r.answers, 'heuresRealisees');
    const families = r.summary.marketFamilies ?? [];
    if (!hours || families.length === 0) continue;
    for (const f of families)
      hoursByFamily.set(f, (hoursByFamily.get(f) ?? 0) + hours / families.length);
  }
  const familyTotal = sum([...hoursByFamily.values()]);

  const datasets: Dataset[] = [
    {
      slug: 'statuts',
      keyLabel: 'Statut',
      title: 'Réponses par statut',
      valueLabel: 'Réponses',
      rows: moderationStatuses.map((s) => ({
        label: statusLabels[s],
        value: rows.filter((r) => r.summary.status === s).length,
      })),
    },
    {
      slug: 'regions',
      keyLabel: 'Région',
      title: 'Réponses par région',
      valueLabel: 'Réponses',
      rows: countBy(
        rows.map((r) => [r.summary.region]),
        regionName,
      ),
    },
    {
      slug: 'types-acteurs',
      keyLabel: 'Type d’acteur',
      title: 'Réponses par type d’acteur',
      valueLabel: 'Réponses',
      rows: countBy(
        rows.map((r) => [r.summary.actorType]),
        actorTypeLabel,
      ),
    },
    {
      slug: 'thematiques',
      keyLabel: 'Thématique',
      title: 'Réponses par thématique',
      valueLabel: 'Réponses',
      rows: countBy(
        rows.map((r) => r.summary.themes ?? []),
        (c) => taxonomyLabel('themes', c),
      ),
    },
    {
      slug: 'heures',
      keyLabel: 'Indicateur',
      title: 'Heures d’insertion prévues et réalisées',
      valueLabel: 'Heures',
      rows: [
        { label: 'Heures prévues', value: sum(answers.map((a) => num(a, 'heuresPrevues'))) },
        { label: 'Heures réalisées', value: sum(answers.map((a) => num(a, 'heuresRealisees'))) },
      ],
    },
    {
      slug: 'participants',
      keyLabel: 'Indicateur',
      title: 'Participants et équivalents temps plein',
      valueLabel: 'Nombre',
      rows: [
        { label: 'Participants', value: sum(answers.map((a) => num(a, 'participants'))) },
        {
          label: 'Équivalents temps plein réalisés',
          value: round1(sum(answers.map((a) => num(a, 'etpRealises')))),
        },
      ],
    },
    {
      slug: 'publics',
      keyLabel: 'Participants',
      title: 'Part des femmes et des habitants des QPV parmi les participants',
      valueLabel: 'Pourcentage',
      percent: true,
      rows: [
        {
          label: 'Femmes',
          value: percent(
            sum(withWomen.map((a) => num(a, 'participantesFemmes'))),
            sum(withWomen.map((a) => num(a, 'participants'))),
          ),
        },
        {
          label: 'Habitants des QPV',
          value: percent(
            sum(withQpv.map((a) => num(a, 'participantsQpv'))),
            sum(withQpv.map((a) => num(a, 'participants'))),
          ),
        },
      ],
    },
    {
      slug: 'heures-familles',
      keyLabel: 'Famille de marchés',
      title: 'Part des heures réalisées par famille de marchés',
      valueLabel: 'Pourcentage',
      percent: true,
      rows: [...hoursByFamily]
        .map(([code, hours]) => ({
          label: taxonomyLabel('marketFamilies', code),
          value: percent(hours, familyTotal),
        }))
        .sort((a, b) => b.value - a.value),
    },
  ];
  return { total: rows.length, datasets };
}
