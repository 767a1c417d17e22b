// npm run seed — loads the taxonomy, meetings, demo practices and demo admin (idempotent).
import { describeSource, runCli } from '../lib/bootstrap';
import { seedDatabase } from '../seeding';

runCli(async ({ config, db }) => {
  const report = await seedDatabase(
    { email: config.adminEmail, password: config.adminPassword },
    { production: config.isProduction },
  );
  process.stdout.write(
    `Base : ${describeSource(db, config)}\n` +
      `Taxonomie : ${report.terms} entrées, rencontres : ${report.meetings}, pratiques de démonstration : ${report.practices}, réponses fictives ajoutées : ${report.demoResponses}\n`,
  );
  if (report.admin) {
    process.stdout.write(`Administrateur créé : ${report.admin.email}\n`);
    if (report.admin.generatedPassword) {
      process.stdout.write(
        `Mot de passe (affiché une seule fois) : ${report.admin.generatedPassword}\n`,
      );
    }
  }
});
