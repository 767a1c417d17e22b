import { UserModel } from '../../../src/accounts/user.model';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { runCli } from '../../helpers/cli';

const { name } = useTestDatabase();
afterEach(clearDatabase);

/** Runs `npm run create-admin -- …` (the script itself) against this file's database. */
function createAdmin(...args: string[]) {
  return runCli('create-admin', name, args, { ADMIN_PASSWORD: 'un-mot-de-passe-assez-long' });
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
