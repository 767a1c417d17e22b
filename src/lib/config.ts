import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isEmail } from './email-address';

/**
 * Every environment variable the app reads, validated once at start-up.
 * Documented in .env.example and the README; a bad value stops start-up with a message naming it.
 */
const booleanish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

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
  };
}
