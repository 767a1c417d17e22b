import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isEmail } from './email-address';

/**
 * Every environment variable the app reads, validated once at start-up.
 * Documented in .env.example and the README; a bad value stops start-up with a message naming it.
 */
const booleanish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The controller's details the privacy page cannot do without. */
const requiredInProduction = [
  'CONTROLLER_NAME',
  'CONTROLLER_ADDRESS',
  'CONTROLLER_EMAIL',
  'HOSTING_PROVIDER',
  'HOSTING_ADDRESS',
] as const;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    BASE_URL: z.url().optional(),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'doit commencer par mongodb:// ou mongodb+srv://')
      .optional(),
    EMBEDDED_DB: z.enum(['auto', 'mongodb', 'ferretdb']).default('auto'),
    DATA_DIR: z.string().min(1).default('data'),
    SESSION_SECRET: z.string().min(32, 'au moins 32 caractères').optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'doit commencer par smtp:// ou smtps://')
      .optional(),
    MAIL_FROM: z
      .string()
      .min(3)
      .default('Tour de France de la clause sociale <ne-pas-repondre@localhost>'),
    UPLOAD_MAX_FILE_MB: z.coerce.number().int().min(1).max(100).default(10),
    UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(20).default(5),
    UPLOAD_MAX_TOTAL_MB: z.coerce.number().int().min(1).max(500).default(25),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    // Unset: demo data outside production only (a real deployment never gets a demo admin).
    SEED_ON_START: booleanish.optional(),
    // Lists every e-mail written to the outbox, resume links included: explicit opt-in only.
    DEV_OUTBOX: booleanish.default(false),
    ADMIN_EMAIL: z.string().refine(isEmail, 'adresse e-mail invalide').default('admin@exemple.fr'),
    ADMIN_PASSWORD: z.string().min(12, 'au moins 12 caractères').optional(),
    TRUST_PROXY: booleanish.default(false),
    HOST: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]).optional(),
    QUESTIONNAIRE_OPENS_AT: z.iso.date('date AAAA-MM-JJ attendue').optional(),
    QUESTIONNAIRE_CLOSES_AT: z.iso.date('date AAAA-MM-JJ attendue').optional(),
    // Who answers for the personal data (privacy page, record of processing activities).
    CONTROLLER_NAME: z.string().min(2).optional(),
    CONTROLLER_ADDRESS: z.string().min(5).optional(),
    CONTROLLER_EMAIL: z.string().refine(isEmail, 'adresse e-mail invalide').optional(),
    DPO_EMAIL: z.string().refine(isEmail, 'adresse e-mail invalide').optional(),
    HOSTING_PROVIDER: z.string().min(2).optional(),
    HOSTING_ADDRESS: z.string().min(5).optional(),
    // How long personal data is kept (the daily retention job applies them; the privacy page says them).
    RETENTION_DRAFT_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
    RETENTION_RESPONSE_YEARS: z.coerce.number().int().min(1).max(20).default(3),
    RETENTION_JOURNAL_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
    RETENTION_IP_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    RETENTION_WORK_FILES_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'obligatoire quand NODE_ENV=production',
      });
    }
    if (env.NODE_ENV === 'production' && env.DEV_OUTBOX) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEV_OUTBOX'],
        message: 'interdit quand NODE_ENV=production (la page liste les liens de reprise)',
      });
    }
    if (env.NODE_ENV === 'production') {
      for (const key of requiredInProduction) {
        if (!env[key]) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'obligatoire quand NODE_ENV=production (page « Données personnelles »)',
          });
        }
      }
    }
    if (
      env.QUESTIONNAIRE_OPENS_AT &&
      env.QUESTIONNAIRE_CLOSES_AT &&
      env.QUESTIONNAIRE_CLOSES_AT < env.QUESTIONNAIRE_OPENS_AT
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['QUESTIONNAIRE_CLOSES_AT'],
        message: 'doit être postérieure à QUESTIONNAIRE_OPENS_AT',
      });
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  port: number;
  baseUrl: string;
  mongodbUri?: string;
  embeddedDb: Env['EMBEDDED_DB'];
  dataDir: string;
  sessionSecret: string;
  smtpUrl?: string;
  mailFrom: string;
  uploads: { maxFileBytes: number; maxFiles: number; maxTotalBytes: number };
  logLevel: Env['LOG_LEVEL'];
  seedOnStart: boolean;
  /** /dev/courriels lists the outbox (DEV_OUTBOX=true, never in production). */
  devOutbox: boolean;
  adminEmail: string;
  adminPassword?: string;
  trustProxy: boolean;
  /**
   * Interface the server listens on: every one when unset, except behind a proxy (TRUST_PROXY),
   * where the loopback only, so that no request reaches the app around it with forged headers.
   */
  host?: string;
  /** Opening window of the questionnaire (inclusive days, Paris time); open when unset. */
  questionnaire: { opensAt?: string; closesAt?: string };
  /** Who answers for the personal data; `configured` false: placeholders (outside production). */
  controller: {
    name: string;
    address: string;
    email: string;
    dpoEmail?: string;
    hostingProvider: string;
    hostingAddress: string;
    configured: boolean;
  };
  retention: RetentionPolicy;
}

/** How long each kind of personal data is kept (privacy page and the retention job). */
export interface RetentionPolicy {
  draftMonths: number;
  responseYears: number;
  journalMonths: number;
  ipDays: number;
  workFilesDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the given environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} : ${issue.message}`),
    );
  }
  const env = parsed.data;
  const mb = 1024 * 1024;
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    port: env.PORT,
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    mongodbUri: env.MONGODB_URI,
    embeddedDb: env.EMBEDDED_DB,
    dataDir: env.DATA_DIR,
    // Outside production a per-process random secret is fine: sessions do not survive a restart.
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    uploads: {
      maxFileBytes: env.UPLOAD_MAX_FILE_MB * mb,
      maxFiles: env.UPLOAD_MAX_FILES,
      maxTotalBytes: env.UPLOAD_MAX_TOTAL_MB * mb,
    },
    logLevel: env.LOG_LEVEL,
    seedOnStart: env.SEED_ON_START ?? env.NODE_ENV !== 'production',
    devOutbox: env.DEV_OUTBOX,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    trustProxy: env.TRUST_PROXY,
    host: env.HOST ?? (env.TRUST_PROXY ? '127.0.0.1' : undefined),
    questionnaire: { opensAt: env.QUESTIONNAIRE_OPENS_AT, closesAt: env.QUESTIONNAIRE_CLOSES_AT },
    controller: {
      name: env.CONTROLLER_NAME ?? 'Alliance Villes Emploi (à configurer : CONTROLLER_NAME)',
      address: env.CONTROLLER_ADDRESS ?? 'adresse à configurer (CONTROLLER_ADDRESS)',
      email: env.CONTROLLER_EMAIL ?? 'ave@ville-emploi.asso.fr',
      dpoEmail: env.DPO_EMAIL,
      hostingProvider: env.HOSTING_PROVIDER ?? 'hébergeur à configurer (HOSTING_PROVIDER)',
      hostingAddress: env.HOSTING_ADDRESS ?? 'adresse à configurer (HOSTING_ADDRESS)',
      configured: requiredInProduction.every((key) => Boolean(env[key])),
    },
    retention: {
      draftMonths: env.RETENTION_DRAFT_MONTHS,
      responseYears: env.RETENTION_RESPONSE_YEARS,
      journalMonths: env.RETENTION_JOURNAL_MONTHS,
      ipDays: env.RETENTION_IP_DAYS,
      workFilesDays: env.RETENTION_WORK_FILES_DAYS,
    },
  };
}
