// npx tsx src/cli/prepare-db.ts — finds or builds the FerretDB binary ahead of time (CI, Docker-less
// machines), so the first `npm start` or `npm test` does not pay for the build.
import { findOrBuildFerretDB } from '../lib/db/ferretdb';

findOrBuildFerretDB((msg) => process.stdout.write(`${msg}\n`)).then(
  (binary) => process.stdout.write(`FerretDB prêt : ${binary}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
