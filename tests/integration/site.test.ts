import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../src/lib/http/error-handler';
import { requestLogger } from '../../src/lib/http/request-logger';
import { createLogger } from '../../src/lib/logger';
import { useViews } from '../../src/lib/http/views';
import { buildTestApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

describe('site skeleton', () => {
  const { app } = buildTestApp();

  it('when the home page is requested, then it presents the programme in French with the navigation', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Pourquoi le Tour de France de la clause sociale');
    for (const label of ['Questionnaire', 'Recueil', 'Rencontres', 'Chiffres clés']) {
      expect(res.text).toContain(`>${label}</a>`);
    }
    expect(res.text).toContain('href="#contenu"');
    expect(res.text).toContain('href="/accessibilite"');
  });

  it('when a public page is served, then a strict CSP is set and no cookie', async () => {
    const res = await request(app).get('/');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it.each(['/accessibilite', '/mentions-legales', '/donnees-personnelles'])(
    'when %s is requested, then the template page is served',
    async (url) => {
      const res = await request(app).get(url);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>');
    },
  );

  it('when a browser asks for /favicon.ico, then it gets the icon, without a cookie, and pages point to it', async () => {
    const res = await request(app).get('/favicon.ico').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/vnd.microsoft.icon');
    expect(res.headers['set-cookie']).toBeUndefined();
    // An icon directory (reserved 0, type 1) holding three images.
    const body = res.body as Buffer;
    expect([body.readUInt16LE(0), body.readUInt16LE(2), body.readUInt16LE(4)]).toEqual([0, 1, 3]);
    expect((await request(app).get('/')).text).toContain('<link rel="icon" href="/favicon.ico"');
  });

  it('when an unknown page is requested, then a French 404 page helps the reader', async () => {
    const res = await request(app).get('/nulle-part');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page introuvable');
    expect(res.text).toContain('la page d’accueil');
  });

  it('when an unknown page is requested as JSON, then the error is JSON', async () => {
    const res = await request(app).get('/nulle-part').set('Accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ status: 404, title: 'Page introuvable' });
  });

  it('when a stylesheet is requested, then it is served from public/', async () => {
    const res = await request(app).get('/static/css/main.css');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/css/);
  });
});

describe('central error handler', () => {
  function appThatThrows(showStack: boolean) {
    const app = express();
    useViews(app, { cache: false });
    app.use(requestLogger(createLogger('silent'), (url) => url));
    app.use((_req, res, next) => {
      res.locals.site = {
        name: 'Test',
        product: 'Test',
        nav: [],
        contact: { organisation: 'AVE', email: 'a@b.fr' },
      };
      res.locals.currentPath = '/';
      res.locals.pageTitle = undefined;
      next();
    });
    app.get('/panne', () => {
      throw new Error('secret interne');
    });
    app.use(errorHandler(showStack));
    return app;
  }

  it('when a bug throws, then a French 500 page shows the request id and no stack', async () => {
    const res = await request(appThatThrows(false)).get('/panne');
    expect(res.status).toBe(500);
    expect(res.text).toContain('Une erreur est survenue');
    expect(res.text).toContain(res.headers['x-request-id']);
    expect(res.text).not.toContain('secret interne');
    expect(res.text).not.toMatch(/\n\s+at /);
  });

  it('when in development, then the stack is shown', async () => {
    const res = await request(appThatThrows(true)).get('/panne');
    expect(res.status).toBe(500);
    expect(res.text).toContain('secret interne');
  });
});
