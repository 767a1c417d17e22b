import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { viewsDir } from '../../src/lib/paths';
import { buildTestApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const templates = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? templates(path.join(dir, e.name)) : [path.join(dir, e.name)],
    )
    .filter((file) => file.endsWith('.ejs'));

describe('templates', () => {
  it('when a template includes another, then it names it from the views root', () => {
    const relative = templates(viewsDir).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/include\(\s*(['"`])([^'"`]*)/g)]
        .filter((m) => !m[2].startsWith('/'))
        .map((m) => `${path.relative(viewsDir, file)}: ${m[2]}`),
    );
    expect(relative).toEqual([]);
  });

  it('when a page made of includes is rendered, then no include is looked for on the disk', async () => {
    const { app } = buildTestApp();
    const lookups = jest.spyOn(fs, 'existsSync');
    try {
      const res = await request(app).get('/connexion');
      expect(res.status).toBe(200);
      expect(res.text).toContain('</footer>');
      expect(lookups).not.toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
  });
});
