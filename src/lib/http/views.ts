import ejs from 'ejs';
import type express from 'express';
import { viewsDir } from '../paths';

/**
 * EJS on `views/`. Every `include()` names its template from that root (`/partials/head`): EJS
 * resolves such a path without touching the disk, where a relative one costs an `existsSync`
 * per include on every render, view cache or not (EJS 7 ignores Express's `view options`, so the
 * root is given through the engine).
 */
export function useViews(app: express.Express, { cache }: { cache: boolean }): void {
  app.set('views', viewsDir);
  app.set('view engine', 'ejs');
  app.set('view cache', cache);
  app.engine('ejs', (file, data, done) => {
    ejs.renderFile(file, data as ejs.Data, { root: viewsDir, cache }, done);
  });
}
