import type { TaxonomyKind } from '../reference';

/**
 * The documented column mapping of an import file (CSV, XLSX or JSON keys), in the same words
 * for responses and sheets. Lists go in one cell, separated by « ; ». README « Import » repeats it.
 */
export interface Column {
  key: string;
  label: string;
  required?: boolean;
  /** `text` is one line; `long`, several (line breaks kept). */
  kind?: 'text' | 'long' | 'integer' | 'list' | 'keywords' | 'email' | 'communes';
  taxonomy?: TaxonomyKind;
  max?: number;
}

export const columns: Column[] = [
  {
    key: 'cle',
    label: 'Identifiant unique de la ligne dans la source (évite les doublons)',
    required: true,
    max: 100,
  },
  { key: 'titre', label: 'Titre de la pratique', required: true, max: 200 },
  { key: 'resume', label: 'Résumé', required: true, max: 500, kind: 'long' },
  { key: 'structure', label: 'Structure porteuse', required: true, max: 200 },
  {
    key: 'type_structure',
    label: 'Type de structure (code ou libellé de la liste, ex. plie)',
    required: true,
    taxonomy: 'actorTypes',
  },
  { key: 'region', label: 'Région (code INSEE, ex. 24)', required: true },
  { key: 'departement', label: 'Département (code, ex. 45)', required: true },
  {
    key: 'communes',
    label: 'Communes (codes INSEE du département, séparés par « ; », ex. 45234)',
    kind: 'communes',
  },
  {
    key: 'thematiques',
    label: 'Thématiques (codes ou libellés séparés par « ; »)',
    required: true,
    kind: 'list',
    taxonomy: 'themes',
  },
  { key: 'publics', label: 'Publics (codes ou libellés)', kind: 'list', taxonomy: 'publics' },
  {
    key: 'familles_marches',
    label: 'Familles de marchés (codes ou libellés)',
    kind: 'list',
    taxonomy: 'marketFamilies',
  },
  {
    key: 'leviers',
    label: 'Leviers juridiques (codes ou libellés)',
    kind: 'list',
    taxonomy: 'legalLevers',
  },
  {
    key: 'modalites',
    label: 'Modalités de réalisation (codes ou libellés)',
    kind: 'list',
    taxonomy: 'modalities',
  },
  { key: 'mots_cles', label: 'Mots-clés libres (séparés par « ; »)', kind: 'keywords' },
  { key: 'contexte', label: 'Contexte', max: 4000, kind: 'long' },
  { key: 'objectifs', label: 'Objectifs', max: 4000, kind: 'long' },
  { key: 'actions', label: 'Actions menées', max: 4000, kind: 'long' },
  { key: 'partenaires', label: 'Partenaires', max: 4000, kind: 'long' },
  { key: 'facteurs_reussite', label: 'Facteurs de réussite', max: 4000, kind: 'long' },
  { key: 'difficultes', label: 'Difficultés', max: 4000, kind: 'long' },
  { key: 'transferabilite', label: 'Transférabilité', max: 4000, kind: 'long' },
  { key: 'perspectives', label: 'Perspectives (et la suite ?)', max: 4000, kind: 'long' },
  {
    key: 'heures_prevues',
    label: 'Heures d’insertion prévues (nombre entier)',
    kind: 'integer',
  },
  {
    key: 'heures_realisees',
    label: 'Heures d’insertion réalisées (nombre entier)',
    kind: 'integer',
  },
  { key: 'participants', label: 'Participants (nombre entier)', kind: 'integer' },
  { key: 'femmes', label: 'dont femmes (nombre entier)', kind: 'integer' },
  { key: 'habitants_qpv', label: 'dont habitants des QPV (nombre entier)', kind: 'integer' },
  {
    key: 'periode_resultats',
    label: 'Période couverte par ces chiffres (ex. année 2022 ; réponses seulement)',
    max: 100,
  },
  { key: 'email', label: 'E-mail du répondant (réponses seulement, jamais publié)', kind: 'email' },
];

export const importKinds = {
  fiches: 'Fiches pratiques',
  reponses: 'Réponses au questionnaire',
} as const;
export type ImportKind = keyof typeof importKinds;
export const isImportKind = (v: unknown): v is ImportKind => v === 'fiches' || v === 'reponses';
