import type { TaxonomyKind } from '../reference';

/** Free-text fields of the sheet editor, in display order, with their French label and limit. */
export const textFields = [
  { name: 'title', label: 'Titre', max: 200, required: true, long: false },
  { name: 'summary', label: 'Résumé', max: 500, required: true, long: true },
  { name: 'structureName', label: 'Structure porteuse', max: 200, required: true, long: false },
  { name: 'context', label: 'Contexte', max: 4000, required: false, long: true },
  { name: 'objectives', label: 'Objectifs', max: 4000, required: false, long: true },
  { name: 'actions', label: 'Actions menées', max: 4000, required: false, long: true },
  { name: 'partners', label: 'Partenaires', max: 4000, required: false, long: true },
  { name: 'successFactors', label: 'Facteurs de réussite', max: 4000, required: false, long: true },
  {
    name: 'difficulties',
    label: 'Difficultés rencontrées',
    max: 4000,
    required: false,
    long: true,
  },
  { name: 'transferability', label: 'Transférabilité', max: 4000, required: false, long: true },
  { name: 'nextSteps', label: 'Perspectives', max: 4000, required: false, long: true },
] as const;
export type TextField = (typeof textFields)[number]['name'];

/** Multiple-choice fields, each backed by a taxonomy list. */
export const listFields = [
  { name: 'themes', label: 'Thématiques', kind: 'themes' },
  { name: 'legalLevers', label: 'Leviers juridiques', kind: 'legalLevers' },
  { name: 'marketFamilies', label: 'Familles de marchés', kind: 'marketFamilies' },
  { name: 'publics', label: 'Publics', kind: 'publics' },
  { name: 'modalities', label: 'Modalités de réalisation', kind: 'modalities' },
] as const satisfies ReadonlyArray<{ name: string; label: string; kind: TaxonomyKind }>;
export type ListField = (typeof listFields)[number]['name'];

/**
 * Key figures of `results`, in the order pages show them: the editor's label and the words after
 * the number on the public page, the approval page and the PDF. Whole numbers, but for FTE.
 */
export const resultFields = [
  {
    name: 'hoursAchieved',
    label: 'Heures d’insertion réalisées',
    figure: 'heures d’insertion réalisées',
  },
  {
    name: 'hoursPlanned',
    label: 'Heures d’insertion prévues',
    figure: 'heures d’insertion prévues',
  },
  {
    name: 'fte',
    label: 'Équivalents temps plein',
    figure: 'équivalents temps plein',
    decimal: true,
  },
  { name: 'participants', label: 'Participants', figure: 'participants' },
  { name: 'women', label: 'dont femmes', figure: 'femmes' },
  {
    name: 'qpvResidents',
    label: 'dont habitants des QPV',
    figure: 'habitants des quartiers prioritaires',
  },
  { name: 'under26', label: 'dont jeunes de moins de 26 ans', figure: 'jeunes de moins de 26 ans' },
  {
    name: 'over50',
    label: 'dont personnes de plus de 50 ans',
    figure: 'personnes de plus de 50 ans',
  },
  {
    name: 'sustainableEmployment',
    label: 'Sorties en emploi durable',
    figure: 'sorties en emploi durable',
  },
  {
    name: 'transitionEmployment',
    label: 'Sorties en emploi de transition',
    figure: 'sorties en emploi de transition',
  },
  { name: 'positiveExits', label: 'Sorties positives', figure: 'sorties positives' },
  { name: 'companies', label: 'Entreprises mobilisées', figure: 'entreprises mobilisées' },
  { name: 'contractsWithClause', label: 'Marchés avec clause', figure: 'marchés avec clause' },
] as const satisfies ReadonlyArray<{
  name: string;
  label: string;
  figure: string;
  decimal?: boolean;
}>;
export type ResultField = (typeof resultFields)[number]['name'];

/** Public contact fields. */
export const contactFields = [
  { name: 'contactName', label: 'Contact : nom', key: 'name' },
  { name: 'contactRole', label: 'Contact : fonction', key: 'role' },
  { name: 'contactEmail', label: 'Contact : adresse e-mail', key: 'email' },
  { name: 'contactPhone', label: 'Contact : téléphone', key: 'phone' },
] as const;

/**
 * Labels of every versioned field, for the version history and its comparison. Nested fields are
 * written `parent/child`: stored snapshots cannot have dotted keys.
 */
export const fieldLabels: Record<string, string> = {
  ...Object.fromEntries(textFields.map((f) => [f.name, f.label])),
  ...Object.fromEntries(listFields.map((f) => [f.name, f.label])),
  ...Object.fromEntries(resultFields.map((f) => [`results/${f.name}`, f.label])),
  actorType: 'Type de structure',
  region: 'Région',
  department: 'Département',
  communes: 'Communes',
  qpv: 'QPV',
  npnru: 'Projet NPNRU',
  npnruProject: 'Nom du projet NPNRU',
  keywords: 'Mots-clés',
  startDate: 'Début',
  endDate: 'Fin',
  ongoing: 'En cours',
  year: 'Année',
  slug: 'Adresse (slug)',
  ...Object.fromEntries(contactFields.map((f) => [`contact/${f.key}`, f.label])),
  photos: 'Photos',
};

export const statusLabels = {
  brouillon: 'Brouillon',
  'en-attente': 'En attente de validation',
  validee: 'Validée',
  publiee: 'Publiée',
  depubliee: 'Dépubliée',
} as const;
