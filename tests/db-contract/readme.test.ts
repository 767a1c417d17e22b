import fs from 'node:fs';
import path from 'node:path';
import { rootDir } from '../../src/lib/paths';

// The README's "portable subset" must list exactly the shapes this suite proves: no shape claimed
// without a test, no tested shape left out.

const begin = '<!-- db-contract:begin -->';
const end = '<!-- db-contract:end -->';

function shapesInSuite(): string[] {
  const dir = path.join(rootDir, 'tests', 'db-contract');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .flatMap((f) => [
      ...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/contract\(\s*(['"`])(.*?)\1\s*,/g),
    ])
    .map((m) => m[2]);
}

function shapesInReadme(): string[] {
  const readme = fs.readFileSync(path.join(rootDir, 'README.md'), 'utf8');
  const block = readme.slice(readme.indexOf(begin), readme.indexOf(end));
  return [...block.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

describe('README portable subset', () => {
  it('when the README lists the proven shapes, then they are exactly the contract suite’s', () => {
    const suite = shapesInSuite();
    const readme = shapesInReadme();
    expect(suite.length).toBeGreaterThan(30);
    expect({
      inReadmeWithoutTest: readme.filter((s) => !suite.includes(s)),
      testedButNotInReadme: suite.filter((s) => !readme.includes(s)),
    }).toEqual({ inReadmeWithoutTest: [], testedButNotInReadme: [] });
  });
});
