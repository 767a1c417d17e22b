import path from 'node:path';
import { z } from 'zod';
import { readValidatedJson } from '../lib/json-file';
import { seedsDir } from '../lib/paths';
import { slotKinds, type SlotKind } from '../meetings';
import { commune, department, region } from '../reference';
import { qpvGeneration } from '../reference';
import { seedTaxonomy, type TaxonomyKind } from '../reference';

const time = z.string().regex(/^\d{2}:\d{2}$/, 'heure HH:MM attendue');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'mois AAAA-MM attendu');
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug en kebab-case attendu');

const meetingSeed = z.object({
  slug,
  title: z.string().min(5),
  stage: z.number().int().positive().optional(),
  region: z.string().refine((c) => region(c), 'région inconnue'),
  date: z.iso.date(),
  venue: z.object({
    name: z.string(),
    address: z.string(),
    postalCode: z.string().regex(/^\d{5}$/),
    city: z.string(),
  }),
  summary: z.string().optional(),
  audience: z.string().optional(),
  registrationRequired: z.boolean(),
  programmeStatus: z.enum(['provisoire', 'definitif']),
  programme: z
    .array(
      z.object({
        start: time,
        end: time,
        title: z.string().min(2),
        kind: z.enum(Object.keys(slotKinds) as [SlotKind, ...SlotKind[]]),
        note: z.string().optional(),
        workshops: z
          .array(z.object({ code: z.string(), title: z.string(), theme: z.string().optional() }))
          .optional(),
      }),
    )
    .min(1),
  contact: z.object({ organisation: z.string(), email: z.email() }).optional(),
});
export type MeetingSeed = z.infer<typeof meetingSeed>;

const codesOf = (kind: TaxonomyKind) =>
  z
    .array(z.string())
    .refine(
      (values) => values.every((v) => seedTaxonomy()[kind].some((t) => t.code === v)),
      `code inconnu dans la taxonomie (${kind})`,
    );
const count = z.number().int().min(0).optional();

const practiceSeed = z
  .object({
    slug,
    title: z.string().min(5).max(200),
    summary: z.string().min(20).max(500),
    structureName: z.string().min(2),
    actorType: z
      .string()
      .refine((v) => seedTaxonomy().actorTypes.some((t) => t.code === v), 'type d’acteur inconnu'),
    region: z.string(),
    department: z.string(),
    communes: z.array(z.object({ code: z.string(), name: z.string() })).min(1),
    qpv: z.array(
      z.object({
        code: z.string().refine((c) => qpvGeneration(c) !== undefined, 'code QPV mal formé'),
        name: z.string(),
        generation: z.union([z.literal(2015), z.literal(2024)]),
      }),
    ),
    npnru: z.boolean(),
    npnruProject: z.string().optional(),
    themes: codesOf('themes'),
    legalLevers: codesOf('legalLevers'),
    marketFamilies: codesOf('marketFamilies'),
    publics: codesOf('publics'),
    modalities: codesOf('modalities'),
    funders: codesOf('funders'),
    context: z.string(),
    objectives: z.string(),
    actions: z.string(),
    partners: z.string().optional(),
    successFactors: z.string().optional(),
    difficulties: z.string().optional(),
    transferability: z.string().optional(),
    nextSteps: z.string().optional(),
    startDate: month,
    endDate: month.optional(),
    ongoing: z.boolean(),
    results: z.object({
      hoursPlanned: count,
      hoursAchieved: count,
      fte: z.number().min(0).optional(),
      participants: count,
      women: count,
      qpvResidents: count,
      under26: count,
      over50: count,
      sustainableEmployment: count,
      transitionEmployment: count,
      positiveExits: count,
      companies: count,
      contractsWithClause: count,
    }),
    amountEur: z.number().min(0).optional(),
    year: z.number().int().min(2015).max(2030),
    meetingSelections: z
      .array(
        z.object({
          meeting: slug,
          workshop: z.string().regex(/^[A-Z]$/),
          presenterStructure: z.string().optional(),
          position: z.number().int().min(0),
        }),
      )
      .optional(),
  })
  .superRefine((p, ctx) => {
    const dep = department(p.department);
    if (!dep || dep.region !== p.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['department'],
        message: 'département hors de la région',
      });
    }
    p.communes.forEach((c, i) => {
      const found = commune(c.code);
      if (!found || found.department !== p.department || found.name !== c.name) {
        ctx.addIssue({
          code: 'custom',
          path: ['communes', i],
          message: 'commune inconnue ou hors du département',
        });
      }
    });
    p.qpv.forEach((q, i) => {
      if (qpvGeneration(q.code) !== q.generation) {
        ctx.addIssue({
          code: 'custom',
          path: ['qpv', i],
          message: 'génération QPV incohérente avec le code',
        });
      }
    });
    if (p.endDate && p.endDate < p.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'fin avant le début' });
    }
  });
export type PracticeSeed = z.infer<typeof practiceSeed>;

const uniqueSlugs = (items: Array<{ slug: string }>) =>
  new Set(items.map((i) => i.slug)).size === items.length;

export function loadMeetingSeeds(): MeetingSeed[] {
  return readValidatedJson(
    path.join(seedsDir, 'meetings.json'),
    z.array(meetingSeed).refine(uniqueSlugs, 'slugs en double'),
  );
}

export function loadPracticeSeeds(): PracticeSeed[] {
  return readValidatedJson(
    path.join(seedsDir, 'demo-practices.json'),
    z.array(practiceSeed).refine(uniqueSlugs, 'slugs en double'),
  );
}

const chapterSeed = z.object({
  code: slug,
  title: z.string().min(1).max(200),
  intro: z.string().max(2000),
});
export type ChapterSeed = z.infer<typeof chapterSeed>;

export function loadChapterSeeds(): ChapterSeed[] {
  return readValidatedJson(
    path.join(seedsDir, 'recueil-chapters.json'),
    z
      .array(chapterSeed)
      .refine(
        (items) => new Set(items.map((i) => i.code)).size === items.length,
        'codes en double',
      ),
  );
}
