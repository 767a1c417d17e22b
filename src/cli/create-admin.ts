// npm run create-admin -- --email admin@example.org [--role moderator] [--sans-2fa]
// Password from ADMIN_PASSWORD, otherwise asked at the prompt (not echoed). --sans-2fa removes
// the account's second factor (lost phone and recovery codes): an admin enrols again at login.
import { parseArgs } from 'node:util';
import { fail, runCli } from '../lib/bootstrap';
import { isEmail } from '../lib/email-address';
import { minPasswordLength } from '../accounts';
import { roles, type Role } from '../accounts';
import { upsertUser } from '../accounts';

function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    if (!stdin.isTTY) {
      reject(new Error('Pas de terminal : définissez ADMIN_PASSWORD.'));
      return;
    }
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (char: string) => {
      if (char === '\r' || char === '\n' || char === '\u0004') {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.removeListener('data', onData);
        process.stdout.write('\n');
        resolve(value);
      } else if (char === '\u0003') {
        process.exit(130);
      } else if (char === '\u007f') {
        value = value.slice(0, -1);
      } else {
        value += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** Arguments and password first: a typo must not start the database for nothing. */
async function readInput() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      'sans-2fa': { type: 'boolean', default: false },
    },
  });
  const email = values.email?.trim();
  const usage =
    'Usage : npm run create-admin -- --email adresse@exemple.fr [--role admin|moderator] [--sans-2fa]';
  if (!email) fail(usage);
  if (!isEmail(email)) fail(`Adresse e-mail invalide : ${email}\n${usage}`);
  if (!roles.includes(values.role as Role)) {
    fail(`Rôle inconnu : ${values.role} (admin ou moderator)`);
  }
  const password =
    process.env.ADMIN_PASSWORD ??
    (await askHidden(`Mot de passe (${minPasswordLength} caractères minimum) : `));
  if (password.length < minPasswordLength) {
    fail(`Le mot de passe doit contenir au moins ${minPasswordLength} caractères.`);
  }
  return { email, password, role: values.role as Role, resetSecondFactor: values['sans-2fa'] };
}

readInput().then(
  ({ email, password, role, resetSecondFactor }) =>
    runCli(async () => {
      const created = await upsertUser(email, password, role, { resetSecondFactor });
      process.stdout.write(
        `${created ? 'Compte créé' : 'Mot de passe et rôle réinitialisés'} : ${email} (${role})\n` +
          (resetSecondFactor ? 'Double authentification retirée.\n' : ''),
      );
    }),
  (error: unknown) => fail(error instanceof Error ? error.message : String(error)),
);
