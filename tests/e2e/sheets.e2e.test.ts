import type { Page } from 'playwright-core';
import { SheetModel } from '../../src/sheets/sheet.model';
import { seedDatabase } from '../../src/seeding/seed.service';
import { createUser, loginPage } from '../helpers/auth';
import { expectNoAxeViolations, useBrowserApp } from '../helpers/browser';
import { insertSentResponse } from '../helpers/sheets';

jest.setTimeout(180_000);

const e2e = useBrowserApp(async () => {
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-admin-123' });
});

/** Presses Tab until the focused element matches the selector (bounded: long forms). */
async function tabTo(page: Page, selector: string) {
  const focused = () => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
  for (let i = 0; i < 400 && !(await focused()); i++) await page.keyboard.press('Tab');
  expect({ selector, focused: await focused() }).toEqual({ selector, focused: true });
}
const pressEnterAndWait = (page: Page) =>
  Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

describe('from a response to a published practice, in a browser', () => {
  it('when a moderator prepares a sheet, the respondent approves it through the private link and the moderator publishes it and selects it for workshop B of Orléans — keyboard only', async () => {
    const response = await insertSentResponse();
    const moderator = await createUser({ role: 'moderator' });
    const page = await e2e.browser.newPage();

    // The moderator signs in with the keyboard and lands on the sheet list.
    await page.goto(`${e2e.app.baseUrl}/connexion?retour=%2Fmoderation%2Ffiches`);
    await tabTo(page, '#email');
    await page.keyboard.type(moderator.email);
    await tabTo(page, '#password');
    await page.keyboard.type(moderator.password);
    await pressEnterAndWait(page);
    expect(await page.locator('h1').textContent()).toBe('Fiches pratiques');
    await expectNoAxeViolations(page, 'liste des fiches');

    // « Préparer la fiche » is a button of the response's review page (another feature): the same
    // form is posted from this page, with its CSRF token.
    await Promise.all([
      page.waitForURL(/\/moderation\/fiches\/[a-f0-9]{24}$/),
      page.evaluate((id) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = `/moderation/reponses/${id}/fiche`;
        const token = document.querySelector<HTMLInputElement>('input[name="_csrf"]')!;
        form.appendChild(token.cloneNode());
        document.body.appendChild(form);
        form.submit();
      }, response.id),
    ]);
    const editorUrl = page.url();
    expect(await page.locator('#title').inputValue()).toBe(
      'Un guichet unique de la clause sociale',
    );
    await expectNoAxeViolations(page, 'éditeur de fiche');

    await tabTo(page, '#request-approval');
    await pressEnterAndWait(page);
    expect(await page.locator('main').textContent()).toContain(
      'L’équipe attend la validation de l’auteur',
    );

    // The respondent opens their private link, follows the notice and approves with the keyboard.
    const respondent = await (await e2e.browser.newContext()).newPage();
    await respondent.goto(`${e2e.app.baseUrl}/questionnaire/reprendre/${response.token}`);
    await tabTo(respondent, 'a[href*="/fiches/"]');
    await pressEnterAndWait(respondent);
    expect(await respondent.locator('h1').textContent()).toBe('Votre fiche pratique');
    await expectNoAxeViolations(respondent, 'page de validation');
    await tabTo(respondent, '#decision');
    await pressEnterAndWait(respondent);
    expect(await respondent.locator('main').textContent()).toContain('vous avez validé');

    // The moderator publishes, then selects the sheet for workshop B of the Orléans meeting.
    await page.goto(editorUrl);
    await tabTo(page, '#publish');
    await pressEnterAndWait(page);
    expect(await page.locator('main').textContent()).toContain('Fiche publiée.');
    await tabTo(page, '#atelier');
    // Arrow keys walk the workshops (other meetings' too) down to the Orléans workshop B.
    const target = 'centre-val-de-loire-2022|B';
    const options = await page.locator('#atelier option').count();
    for (let i = 0; i < options && (await page.locator('#atelier').inputValue()) !== target; i++)
      await page.keyboard.press('ArrowDown');
    expect(await page.locator('#atelier').inputValue()).toBe(target);
    await tabTo(page, '#presenterName');
    await page.keyboard.type('Camille Martin');
    await tabTo(page, '#presenterStructure');
    await page.keyboard.type('PLIE de démonstration');
    await pressEnterAndWait(page);
    expect(await page.locator('main').textContent()).toContain(
      'Fiche sélectionnée pour l’atelier.',
    );

    const sheet = await SheetModel.findOne({ 'origin.responseId': response.id }).lean();
    expect(sheet!.status).toBe('publiee');
    expect(sheet!.meetingSelections.map((s) => s.workshop)).toEqual(['B']);

    await page.goto(`${e2e.app.baseUrl}/moderation/rencontres/centre-val-de-loire-2022/pratiques`);
    const workshopB = page.locator('h2:has-text("Atelier B") + ol');
    expect(await workshopB.textContent()).toContain('Un guichet unique de la clause sociale');
    await expectNoAxeViolations(page, 'pratiques de la rencontre');
    await page.goto(`${e2e.app.baseUrl}/moderation/recueil`);
    await expectNoAxeViolations(page, 'sommaire du recueil');
    await page.goto(`${editorUrl}/versions`);
    expect(await page.locator('tbody tr').count()).toBe(4);
    await expectNoAxeViolations(page, 'versions de la fiche');
    const publicPage = await respondent.goto(`${e2e.app.baseUrl}/recueil/${sheet!.slug}`);
    expect(publicPage!.status()).toBe(200);
    await page.close();
    await respondent.close();
  });

  it('when an admin opens the taxonomy, the import and an editor with errors, then axe finds no violation', async () => {
    const page = await e2e.browser.newPage();
    await loginPage(page, e2e.app.baseUrl, { role: 'admin' }, '/moderation/taxonomie');
    expect(await page.locator('h1').textContent()).toBe('Taxonomie');
    await expectNoAxeViolations(page, 'taxonomie');
    await page.goto(`${e2e.app.baseUrl}/moderation/fiches/nouvelle`);
    await Promise.all([page.waitForNavigation(), page.press('#title', 'Enter')]);
    expect(await page.locator('.error-summary li').count()).toBeGreaterThan(3);
    await expectNoAxeViolations(page, 'éditeur avec erreurs');
    await page.goto(`${e2e.app.baseUrl}/moderation/import`);
    await expectNoAxeViolations(page, 'import');
    await page.close();
  });

  it('when a moderator imports 2,000 sheets, then the page follows the job in place until it says how many were created, and axe finds no violation', async () => {
    const page = await e2e.browser.newPage();
    await loginPage(page, e2e.app.baseUrl, { role: 'moderator' }, '/moderation/import');
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      cle: `navigateur-${i}`,
      titre: `Fiche importée ${i}`,
      resume: 'Résumé',
      structure: 'PLIE du Loiret',
      type_structure: 'plie',
      region: '24',
      departement: '45',
      thematiques: ['insertion-gup'],
    }));
    await page.check('input[name="kind"][value="fiches"]');
    await page.setInputFiles('#fichier', {
      name: 'deux-mille.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(rows)),
    });
    await Promise.all([
      page.waitForURL(/\/moderation\/import\/[a-f0-9]{24}$/),
      page.click('button:has-text("Voir l’aperçu")'),
    ]);
    await Promise.all([
      page.waitForNavigation(),
      page.click('button:has-text("Importer les 2000 lignes")'),
    ]);
    const batchUrl = page.url();
    const landed = await page.getAttribute('#import-progress', 'data-state');
    await expectNoAxeViolations(page, `import ${landed}`);
    // A mark in this document: still there at the end means the page was updated, not reloaded.
    await page.evaluate(() => document.body.setAttribute('data-followed', 'oui'));
    await page.waitForSelector('#import-progress[data-state="importe"]', { timeout: 120_000 });
    expect(page.url()).toBe(batchUrl);
    expect(await page.locator('#import-progress').textContent()).toMatch(
      /2\s000 lignes créées, 0 déjà importée\./,
    );
    if (landed === 'en-cours') expect(await page.getAttribute('body', 'data-followed')).toBe('oui');
    await expectNoAxeViolations(page, 'import terminé');
    expect(await SheetModel.countDocuments({ 'origin.importSource': 'deux-mille.json' })).toBe(
      2000,
    );
    await page.close();
  });
});
