import fs from 'node:fs';
import path from 'node:path';
import { rootDir } from '../../src/lib/paths';

const read = (file: string) => fs.readFileSync(path.join(rootDir, file), 'utf8');
const readme = read('README.md');
const envExample = read('.env.example');
const pkg = JSON.parse(read('package.json')) as {
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

/** Every source file of the app and its tests, concatenated. */
function allSources(dir = path.join(rootDir, 'src')): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return allSources(full);
      return entry.name.endsWith('.ts') ? fs.readFileSync(full, 'utf8') : '';
    })
    .join('\n');
}

describe('documentation matches the code', () => {
  it('when the configuration is documented, then the README and .env.example name every variable the app reads', () => {
    const config = read('src/lib/config.ts');
    const variables = [...config.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(variables.length).toBeGreaterThan(15);
    for (const name of variables) {
      expect({ name, inReadme: readme.includes(`\`${name}\``) }).toEqual({ name, inReadme: true });
      expect({ name, inEnv: new RegExp(`^${name}=`, 'm').test(envExample) }).toEqual({
        name,
        inEnv: true,
      });
    }
  });

  it('when the README names an npm script, then package.json has it', () => {
    const named = [...readme.matchAll(/`npm run ([a-z:-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(3);
    for (const script of named) expect(Object.keys(pkg.scripts)).toContain(script);
  });

  it('when the README presents the product, then it claims no feature the code does not have', () => {
    const presentation = readme.slice(0, readme.indexOf('## Set-up'));
    // No purge of stale drafts exists yet.
    expect(presentation).not.toMatch(/purge/i);
  });

  it('when a runtime dependency is declared, then the code uses it', () => {
    const sources = allSources();
    // ejs is loaded by Express as the view engine; passport and passport-local arrive with the
    // back office, which lands together with this change.
    const loadedByName = ['ejs', 'passport', 'passport-local'];
    const unused = Object.keys(pkg.dependencies).filter(
      (dep) =>
        !loadedByName.includes(dep) &&
        !sources.includes(`from '${dep}'`) &&
        !sources.includes(`import('${dep}')`) &&
        !sources.includes(`require('${dep}/`) &&
        !sources.includes(`require.resolve('${dep}/`) &&
        !sources.includes(`from '${dep}/`),
    );
    expect(unused).toEqual([]);
  });
});
