import { seedDatabase } from '../../src/seeding/seed.service';
import { expectNoAxeViolations, useBrowserApp } from '../helpers/browser';
import { insertFixtureSheets } from '../helpers/practices';

jest.setTimeout(120_000);

const e2e = useBrowserApp(async () => {
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-e2e-recueil' });
  await insertFixtureSheets();
});

describe('compendium in a browser', () => {
  it.each([
    ['/recueil', 'Recueil des bonnes pratiques'],
    ['/recueil?q=femmes&region=32', 'Recueil des bonnes pratiques'],
    ['/recueil?q=introuvablexyz', 'Recueil des bonnes pratiques'],
    ['/recueil?q=fmemes', 'Recueil des bonnes pratiques'],
    ['/recueil?q=fmmees', 'Recueil des bonnes pratiques'],
    ['/recueil/femmes-nettoyage-hdf', 'Des femmes dans les marchés de nettoyage'],
    ['/recueil/national', 'Recueil national des bonnes pratiques'],
    ['/chiffres-cles', 'Chiffres clés'],
    ['/licence', 'Licence des données'],
  ])('when %s is opened, then axe finds no violation', async (url, heading) => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}${url}`);
    expect(await page.locator('h1').first().textContent()).toContain(heading);
    await expectNoAxeViolations(page, url);
    await page.close();
  });

  it('when a reader searches, filters and opens a practice with the keyboard only, then the URL holds each step', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/recueil`);
    // Search: Tab to the search field, type, Enter submits the form.
    await page.keyboard.press('Tab'); // skip link
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'q' && tabs++ < 20)
      await page.keyboard.press('Tab');
    await page.keyboard.type('femmes');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=femmes/);
    expect(await page.locator('mark').first().textContent()).toMatch(/femmes/i);

    // Filter: open the Région facet and tick Hauts-de-France with the keyboard, then submit.
    await page.locator('summary', { hasText: 'Région' }).focus();
    await page.keyboard.press('Enter');
    await page
      .locator('label', { hasText: 'Hauts-de-France' })
      .locator('..')
      .locator('input')
      .focus();
    await page.keyboard.press('Space');
    await page.locator('button', { hasText: 'Appliquer les filtres' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/region=32/);
    expect(page.url()).toContain('q=femmes');
    expect(await page.locator('.active-filters').textContent()).toContain('Hauts-de-France');

    // Open the practice from its card with the keyboard.
    await page.locator('.card__title a', { hasText: 'nettoyage' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/recueil\/femmes-nettoyage-hdf$/);
    expect(await page.locator('h1').textContent()).toContain('Des femmes dans les marchés');

    // Print preview: navigation and the PDF button hidden, the sheet itself shown.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    expect(await page.locator('.practice__actions').isVisible()).toBe(false);
    expect(await page.locator('article h1').isVisible()).toBe(true);
    await page.close();
  });

  it('when the recueil is opened on a phone, then the first results come before the filters, which a link at the top reaches', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${e2e.app.baseUrl}/recueil`);
    const firstCard = (await page.locator('.card').first().boundingBox())!;
    const filters = (await page.locator('#filtres').boundingBox())!;
    expect(firstCard.y).toBeLessThan(filters.y);
    expect(firstCard.y).toBeLessThan(844);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.locator('a[href="#filtres"]').click();
    await page.waitForURL(/#filtres$/);
    await expectNoAxeViolations(page, '/recueil à 390 px');
    await page.close();
  });

  it('when the key figures are drawn, then the région map is shaded by count and no bar label is cut', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${e2e.app.baseUrl}/chiffres-cles`);
    const fills = await page.$$eval('.figures-map rect', (rects) =>
      rects.map((r) => getComputedStyle(r).fill),
    );
    expect(fills.length).toBeGreaterThan(10);
    // A map all one grey would have a single fill.
    expect(new Set(fills).size).toBeGreaterThan(2);
    const labels = await page.$$eval('.chart__bars .chart__label', (texts) =>
      texts.map((t) => {
        const svg = t.closest('svg')!;
        const box = (t as SVGGraphicsElement).getBBox();
        return { text: t.textContent, inside: box.x + box.width <= svg.viewBox.baseVal.width };
      }),
    );
    expect(labels.length).toBeGreaterThan(3);
    for (const label of labels) expect(label).toEqual({ text: label.text, inside: true });
    expect(labels.some((l) => l.text!.includes('réhabilitation'))).toBe(true);
    await page.close();
  });
});
