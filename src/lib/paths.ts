import fs from 'node:fs';
import path from 'node:path';

/** The project root (folder holding package.json), whether running from src/ (tsx, jest) or dist/. */
function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json introuvable au-dessus de ${start}`);
    dir = parent;
  }
  return dir;
}

export const rootDir = findRoot(__dirname);
export const viewsDir = path.join(rootDir, 'views');
export const publicDir = path.join(rootDir, 'public');
export const seedsDir = path.join(rootDir, 'seeds');

/** Resolves a data path from configuration (relative paths are relative to the project root). */
export function dataPath(dataDir: string, ...parts: string[]): string {
  return path.resolve(rootDir, dataDir, ...parts);
}
