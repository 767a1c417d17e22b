import { seedDatabase } from '../../src/seeding/seed.service';
import { expectNoAxeViolations, useBrowserApp } from '../helpers/browser';

jest.setTimeout(120_000);

const e2e = useBrowserApp(async () => {
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-e2e-site' });
});

const pages = [
  ['/', 'Les bonnes pratiques d’animation de la clause sociale dans les quartiers prioritaires'],
  ['/accessibilite', 'Déclaration d’accessibilité'],
  ['/mentions-legales', 'Mentions légales'],
  ['/donnees-personnelles', 'Données personnelles'],
  ['/rencontres', 'Rencontres régionales'],
  [
    '/rencontres/centre-val-de-loire-2022',
    'Rencontre régionale des acteurs de Centre-Val de Loire',
  ],
  ['/recueil', 'Recueil des bonnes pratiques'],
  ['/chiffres-cles', 'Chiffres clés'],
  ['/page-qui-n-existe-pas', 'Page introuvable'],
] as const;

describe('public pages in a browser', () => {
  it.each(pages)('when %s is opened, then axe finds no violation', async (url, heading) => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}${url}`);
    expect(await page.locator('h1').first().textContent()).toContain(heading);
    await expectNoAxeViolations(page, url);
    await page.close();
  });

  it('when a practice sheet is opened, then it is marked as fictitious and axe finds no violation', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/recueil`);
    await page.locator('.card__title a').first().click();
    expect(await page.locator('.notice--fictitious').textContent()).toContain('Exemple fictif');
    await expectNoAxeViolations(page, 'fiche pratique');
    await page.close();
  });

  it('when a keyboard user lands on a page, then the first Tab reaches the skip link, which moves to the content', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await page.close();
  });

  it('when the programme page is printed, then navigation is hidden and the programme remains', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/rencontres/centre-val-de-loire-2022`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    expect(await page.locator('.programme__item').count()).toBe(10);
    expect(await page.locator('.programme__item').first().isVisible()).toBe(true);
    await page.close();
  });
});
