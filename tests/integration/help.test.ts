import request from 'supertest';
import { buildTestApp } from '../helpers/app';
import { loginAs } from '../helpers/auth';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();
const { app } = buildTestApp();

describe('back-office help', () => {
  it('when a moderator opens « Aide », then it explains each step of the chain and every link it gives opens', async () => {
    const mod = await loginAs(app, { role: 'moderator' });
    const page = await mod.agent.get('/moderation/aide');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/moderation/aide" aria-current="page">Aide</a>');
    for (const section of [
      'Recevoir et examiner les réponses',
      'Rédiger une fiche',
      'Faire valider la fiche par son auteur',
      'Publier, dépublier',
      'Sélectionner pour une rencontre ou le recueil national',
      'Importer des fiches ou des réponses',
      'Exporter et compter',
      'Rencontres et inscriptions',
    ])
      expect(page.text).toContain(section);
    const main = page.text.slice(page.text.indexOf('<h1>'));
    const links = [...main.matchAll(/href="(\/[^"#]*)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(8);
    for (const link of new Set(links)) {
      const res = await mod.agent.get(link);
      expect({ link, status: res.status }).toEqual({ link, status: 200 });
    }
    // Every anchor of the contents names a section of the page.
    for (const [, id] of main.matchAll(/href="#([a-z-]+)"/g)) expect(main).toContain(`id="${id}"`);
  });

  it('when nobody is signed in, then it leads to the login page', async () => {
    const res = await request(app).get('/moderation/aide');
    expect(res.status).toBe(302);
    expect(res.headers.location).toContain('/connexion');
  });
});
