import { createServer, type Server } from 'node:http';
import mongoose from 'mongoose';
import { createApp, migrations, warmViews } from './app';
import { anyExample, countExamples, countsText } from './examples';
import { importsSettled } from './import';
import { backfillInboxRows } from './moderation';
import { runMigrations } from './lib/migrations';
import { bootstrap, describeSource } from './lib/bootstrap';
import { createMailer } from './lib/mail';
import { scheduleRetention } from './privacy';
import { isEmpty, seedDatabase } from './seeding';

const drainTimeoutMs = 10_000;

type Started = Awaited<ReturnType<typeof bootstrap>>;

/** First start: the reference data, the demo content and the demo admin. */
async function seedIfEmpty({ config, logger }: Started) {
  if (!config.seedOnStart || !(await isEmpty())) return;
  const report = await seedDatabase(
    { email: config.adminEmail, password: config.adminPassword },
    { production: config.isProduction },
  );
  logger.info(
    report.admin ? { ...report, admin: report.admin.email } : report,
    'Données de démonstration chargées',
  );
  if (report.admin?.generatedPassword) {
    process.stdout.write(
      `\nCompte administrateur de démonstration créé : ${report.admin.email}\n` +
        `Mot de passe (affiché une seule fois) : ${report.admin.generatedPassword}\n\n`,
    );
  }
}

/**
 * Listens, printing the address once the port is really ours (Express 5's listen callback also
 * runs on failure); a port already taken is said in French and stops the process.
 */
function listen({ config, logger, db }: Started, source: string): Server {
  const server: Server = createServer(createApp({ config, logger }));
  server.once('listening', () => {
    const where = config.host ? ` (interface ${config.host})` : '';
    process.stdout.write(
      `\nBonnes pratiques de la clause sociale : ${config.baseUrl}${where}\nBase de données : ${source}\n\n`,
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE'
        ? `le port ${config.port} est déjà utilisé (changez PORT, ou arrêtez l’autre programme)`
        : error.message;
    logger.fatal({ err: error }, `Le serveur HTTP ne peut pas démarrer : ${reason}`);
    process.stderr.write(`\nLe serveur ne peut pas démarrer : ${reason}\n\n`);
    void db.stop().finally(() => process.exit(1));
  });
  server.listen(config.port, config.host);
  return server;
}

/**
 * SIGTERM/SIGINT: finish the requests in progress and the imports running (an import cut short
 * can be started again, but one that ends is better), then close the database.
 */
function stopOnSignal({ logger, db }: Started, server: Server) {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} reçu : arrêt après les requêtes en cours`);
    const force = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
    server.close(async () => {
      clearTimeout(force);
      await Promise.race([importsSettled(), new Promise((r) => setTimeout(r, drainTimeoutMs))]);
      await mongoose.disconnect();
      await db.stop();
      logger.info('Arrêt terminé');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** Production with the demonstration's fictitious content still in it: said at every start. */
async function warnOfExamples({ config, logger }: Started): Promise<void> {
  if (!config.isProduction) return;
  const counts = await countExamples();
  if (!anyExample(counts)) return;
  const message = `Données d’exemple encore présentes (${countsText(counts)}) : retirez-les avant l’ouverture au public (npm run retirer-exemples, ou « Données d’exemple » dans l’administration)`;
  logger.warn({ examples: counts }, message);
  process.stderr.write(`\nAttention : ${message}.\n\n`);
}

async function main(): Promise<void> {
  const started = await bootstrap();
  const { config, logger, db } = started;
  const source = describeSource(db, config);
  logger.info({ source: db.source }, `Base de données : ${source}`);
  await seedIfEmpty(started);
  for (const [id, changed] of await runMigrations(migrations)) {
    logger.info({ migration: id, changed }, 'Migration des données effectuée');
  }
  // Every response's inbox row checked against it (a row left behind by a crash is put right).
  await backfillInboxRows();
  await warmViews();
  await warnOfExamples(started);
  // One daily job applies every retention duration (src/privacy), registrations included.
  scheduleRetention(config, createMailer(config), logger);
  stopOnSignal(started, listen(started, source));
}

main().catch((error: unknown) => {
  process.stderr.write(`Erreur fatale au démarrage : ${String(error)}\n`);
  process.exit(1);
});
