import path from 'node:path';
import { z } from 'zod';
import { readValidatedJson } from '../lib/json-file';
import { seedsDir } from '../lib/paths';
import type { Option } from '../questionnaire/definition.types';
import { taxonomyKinds, type TaxonomyKind } from './term.model';

const code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'code en kebab-case ASCII attendu');
const termEntry = z.object({
  code,
  label: z.string().min(2),
  description: z.string().optional(),
  group: z.string().optional(),
  reference: z.string().optional(),
});
export type TermEntry = z.infer<typeof termEntry>;

const uniqueCodes = (entries: TermEntry[]) =>
  new Set(entries.map((e) => e.code)).size === entries.length;
const termList = z.array(termEntry).min(1).refine(uniqueCodes, 'codes en double');

const taxonomySchema = z.object(
  Object.fromEntries(taxonomyKinds.map((kind) => [kind, termList])) as Record<
    TaxonomyKind,
    typeof termList
  >,
);
export type Taxonomy = z.infer<typeof taxonomySchema>;

let cache: Taxonomy | undefined;

/** The reference taxonomy from seeds/taxonomy.json, validated once and kept in memory. */
export function taxonomy(): Taxonomy {
  cache ??= readValidatedJson(path.join(seedsDir, 'taxonomy.json'), taxonomySchema);
  return cache;
}

/** The choices of one taxonomy list, as questionnaire options (code → label). */
export function taxonomyOptions(kind: TaxonomyKind): Option[] {
  return taxonomy()[kind].map((t) => ({
    value: t.code,
    label: t.label,
    ...(t.description ? { hint: t.description } : {}),
  }));
}

/** Label of a code, or the code itself when unknown (e.g. an « Autre » answer). */
export function taxonomyLabel(kind: TaxonomyKind, value: string): string {
  return taxonomy()[kind].find((t) => t.code === value)?.label ?? value;
}

export { taxonomyKinds, type TaxonomyKind };
