import { formatMonth } from '../lib/paris-time';
import type { PublishedPractice } from './published-set';

/** One line of « En bref »: its label and its values, each a link to the recueil when it filters. */
export interface Fact {
  label: string;
  values: Array<{ text: string; href?: string }>;
  /** Several values shown as a list of tags (else one text). */
  list?: boolean;
}

const filter = (param: string, value: string) => `/recueil?${param}=${encodeURIComponent(value)}`;

/** « mars 2021 – juin 2022 », « depuis mars 2021 (en cours) », « 2021 »; '' when unknown. */
export function periodText(
  p: Pick<PublishedPractice, 'startDate' | 'endDate' | 'ongoing' | 'year'>,
) {
  const start = p.startDate ? formatMonth(p.startDate) : p.year ? String(p.year) : '';
  if (!start) return '';
  if (p.endDate) return `${start} – ${formatMonth(p.endDate)}`;
  return p.ongoing ? `depuis ${start} (en cours)` : start;
}

const tagRows = [
  ['theme', 'themes', 'Thématiques'],
  ['public', 'publics', 'Publics'],
  ['marche', 'marketFamilies', 'Marchés'],
  ['levier', 'legalLevers', 'Leviers juridiques'],
] as const;

/**
 * « En bref » of a sheet, the same rows on the public page, the back office's preview, the
 * author's approval page and the PDF.
 */
export function practiceFacts(p: PublishedPractice): Fact[] {
  const facts: Fact[] = [
    { label: 'Structure', values: [{ text: p.structureName }] },
    {
      label: 'Type de structure',
      values: [{ text: p.labels.actorType, href: filter('acteur', p.actorType) }],
    },
    { label: 'Région', values: [{ text: p.regionName, href: filter('region', p.region) }] },
    {
      label: 'Département',
      values: [
        {
          text: `${p.departmentName} (${p.department})`,
          href: filter('departement', p.department),
        },
      ],
    },
    { label: 'Communes', values: p.communes.map((c) => ({ text: c.name })) },
    {
      label: 'Quartiers prioritaires',
      values: p.qpv.map((q) => ({ text: `${q.name} (${q.code})` })),
    },
    {
      label: 'Renouvellement urbain',
      values: p.npnru ? [{ text: p.npnruProject || 'Projet NPNRU' }] : [],
    },
    ...tagRows.map(([param, field, label]) => ({
      label,
      list: true,
      values: p[field].map((code, i) => ({ text: p.labels[field][i], href: filter(param, code) })),
    })),
    {
      label: 'Modalités de réalisation',
      list: true,
      values: p.labels.modalities.map((text) => ({ text })),
    },
    {
      label: 'Mots-clés',
      list: true,
      values: p.keywords.map((k) => ({ text: k, href: filter('q', k) })),
    },
    { label: 'Période', values: periodText(p) ? [{ text: periodText(p) }] : [] },
  ];
  return facts
    .map((f) => ({ ...f, values: f.values.filter((v) => v.text) }))
    .filter((f) => f.values.length);
}

/** A fact as one line of text (the PDF). */
export const factText = (f: Fact) => f.values.map((v) => v.text).join(f.list ? ' ; ' : ', ');
