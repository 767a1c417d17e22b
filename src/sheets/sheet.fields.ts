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
] as const satisfies ReadonlyArray<{ name: string; label: string; kind: TaxonomyKind }>;
export type ListField = (typeof listFields)[number]['name'];

/** Key figures (integers) of `results`. */
export const resultFields = [
  { name: 'hoursAchieved', label: 'Heures d’insertion réalisées' },
  { name: 'participants', label: 'Participants' },
  { name: 'women', label: 'dont femmes' },
  { name: 'qpvResidents', label: 'dont habitants des QPV' },
  { name: 'sustainableEmployment', label: 'Sorties en emploi durable' },
] as const;
export type ResultField = (typeof resultFields)[number]['name'];

/** Public contact fields. */
export const contactFields = [
  { name: 'contactName', label: 'Contact : nom', key: 'name' },
  { name: 'contactEmail', label: 'Contact : adresse e-mail', key: 'email' },
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
  keywords: 'Mots-clés',
  slug: 'Adresse (slug)',
  'contact/name': 'Contact : nom',
  'contact/email': 'Contact : adresse e-mail',
  photos: 'Photos',
};

export const statusLabels = {
  brouillon: 'Brouillon',
  'en-attente': 'En attente de validation',
  validee: 'Validée',
  publiee: 'Publiée',
  depubliee: 'Dépubliée',
} as const;
