import { taxonomyLabel } from '../reference';
import { fromInboxRows } from './inbox-cache';
import { actorTypeLabel, regionName } from './labels';
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
  /** What the values are computed over, said under the table. */
  note?: string;
}

type Summary = ResponseSummary;
type Result =
  'hoursPlanned' | 'hoursAchieved' | 'participants' | 'fteAchieved' | 'women' | 'qpvResidents';
const num = (s: Summary, field: Result): number | undefined => s[field] ?? undefined;
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

/** Share of `part` among participants, over the responses giving both numbers (and how many). */
function shareOfParticipants(rows: Summary[], part: Result) {
  const giving = rows.filter(
    (a) => num(a, 'participants') !== undefined && num(a, part) !== undefined,
  );
  const value = percent(
    sum(giving.map((a) => num(a, part))),
    sum(giving.map((a) => num(a, 'participants'))),
  );
  return { value, over: giving.length };
}

const responsesCount = (n: number) => `${n.toLocaleString('fr-FR')} réponse${n > 1 ? 's' : ''}`;

/** Hours achieved of a response are shared equally between its market families. */
function hoursByFamily(rows: Summary[]) {
  const hours = new Map<string, number>();
  for (const r of rows) {
    const achieved = num(r, 'hoursAchieved');
    const families = r.marketFamilies ?? [];
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
function countDatasets(rows: Summary[]): Dataset[] {
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
        value: rows.filter((r) => r.status === s).length,
      })),
    ),
    responses(
      'regions',
      'Région',
      'Réponses par région',
      countBy(
        rows.map((r) => [r.region]),
        regionName,
      ),
    ),
    responses(
      'types-acteurs',
      'Type d’acteur',
      'Réponses par type d’acteur',
      countBy(
        rows.map((r) => [r.actorType]),
        actorTypeLabel,
      ),
    ),
    responses(
      'thematiques',
      'Thématique',
      'Réponses par thématique',
      countBy(
        rows.map((r) => r.themes ?? []),
        (c) => taxonomyLabel('themes', c),
      ),
    ),
  ];
}

/** What the actions achieved: hours, participants, shares. */
function resultDatasets(rows: Summary[]): Dataset[] {
  const total = (field: Result) => sum(rows.map((r) => num(r, field)));
  const women = shareOfParticipants(rows, 'women');
  const qpv = shareOfParticipants(rows, 'qpvResidents');
  return [
    {
      slug: 'heures',
      keyLabel: 'Indicateur',
      title: 'Heures d’insertion prévues et réalisées',
      valueLabel: 'Heures',
      rows: [
        { label: 'Heures prévues', value: total('hoursPlanned') },
        { label: 'Heures réalisées', value: total('hoursAchieved') },
      ],
    },
    {
      slug: 'participants',
      keyLabel: 'Indicateur',
      title: 'Participants et équivalents temps plein',
      valueLabel: 'Nombre',
      rows: [
        { label: 'Participants', value: total('participants') },
        { label: 'Équivalents temps plein réalisés', value: round1(total('fteAchieved')) },
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
        { label: 'Femmes', value: women.value },
        { label: 'Habitants des QPV', value: qpv.value },
      ],
      note: `Femmes : calculé sur ${responsesCount(women.over)} qui donnent les deux nombres ; habitants des QPV : sur ${responsesCount(qpv.over)}.`,
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
 * The back-office figures of the sent responses the moderator may see, from the inbox rows held in
 * memory (each summary carries the numbers they add up): counts by status, région, actor type and
 * theme, then the indicators of the results section.
 */
export function computeFigures(scope?: string[]) {
  return figuresOf(scope ? scope.join(' ') : '');
}

/** The figures of the régions in `scope` (space-separated; empty: all), once per inbox change. */
const figuresOf = fromInboxRows((held, scope) => {
  const regions = scope ? scope.split(' ') : undefined;
  const rows: Summary[] = [];
  for (const row of held.values()) {
    const summary = row.summary;
    if (!summary || !moderationStatuses.includes(summary.status)) continue;
    if (regions && !regions.includes(summary.region)) continue;
    rows.push(summary);
  }
  return { total: rows.length, datasets: [...countDatasets(rows), ...resultDatasets(rows)] };
});
