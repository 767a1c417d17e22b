// npm run anonymise-registrations — anonymises the registrations of meetings past their delay.
import { runCli } from '../lib/bootstrap';
import { anonymiseDueRegistrations } from '../meetings';

runCli(async () => {
  const done = await anonymiseDueRegistrations();
  const lines = Object.entries(done).map(
    ([slug, n]) => `${slug} : ${n} inscription(s) anonymisée(s)`,
  );
  process.stdout.write(`${lines.length ? lines.join('\n') : 'Aucune rencontre à anonymiser'}\n`);
});
