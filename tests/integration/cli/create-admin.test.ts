import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { rootDir } from '../../../src/lib/paths';
import { UserModel } from '../../../src/accounts/user.model';
import { clearDatabase, testServerUri, useTestDatabase } from '../../helpers/db';

const { name } = useTestDatabase();
afterEach(clearDatabase);

/** Runs `npm run create-admin -- …` (the script itself) against this file's database. */
function createAdmin(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(rootDir, 'src', 'cli', 'create-admin.ts'), ...args],
    {
      cwd: rootDir,
      encoding: 'utf8',
      env: {
        ...process.env,
        MONGODB_URI: `${testServerUri().replace(/\/?$/, '/')}${name}`,
        ADMIN_PASSWORD: 'un-mot-de-passe-assez-long',
        LOG_LEVEL: 'silent',
      },
    },
  );
}

describe('npm run create-admin', () => {
  it.each(['<script>alert(1)</script>@exemple.fr', '"a,b"@exemple.fr', 'admin@exemple'])(
    'when the e-mail is %s, then it stops with the usage and creates nothing',
    async (email) => {
      const run = createAdmin('--email', email);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Usage : npm run create-admin');
      expect(await UserModel.countDocuments()).toBe(0);
    },
  );

  it('when the e-mail is valid, then the account is created', async () => {
    const run = createAdmin('--email', 'Moderatrice@Exemple.fr', '--role', 'moderator');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Compte créé : Moderatrice@Exemple.fr (moderator)');
    const user = await UserModel.findOne({}).lean();
    expect(user).toMatchObject({ email: 'moderatrice@exemple.fr', role: 'moderator' });
  });
});
