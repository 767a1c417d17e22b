// npm run seed — loads the taxonomy, meetings, demo practices and demo admin (idempotent).
import mongoose from 'mongoose';
import { bootstrap, describeSource } from '../lib/bootstrap';
import { seedDatabase } from '../seeding/seed.service';

async function main() {
  const { config, db } = await bootstrap();
  try {
    const report = await seedDatabase({ email: config.adminEmail, password: config.adminPassword });
    process.stdout.write(
      `Base : ${describeSource(db, config)}\n` +
        `Taxonomie : ${report.terms} entrées, rencontres : ${report.meetings}, pratiques de démonstration : ${report.practices}\n`,
    );
    if (report.admin) {
      process.stdout.write(`Administrateur créé : ${report.admin.email}\n`);
      if (report.admin.generatedPassword) {
        process.stdout.write(
          `Mot de passe (affiché une seule fois) : ${report.admin.generatedPassword}\n`,
        );
      }
    }
  } finally {
    await mongoose.disconnect();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
