import type { Page } from 'playwright-core';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { createUser, loginPage } from '../helpers/auth';
import { expectNoAxeViolations, useBrowserApp } from '../helpers/browser';
import { insertResponse } from '../helpers/responses';

jest.setTimeout(120_000);

const e2e = useBrowserApp();

let target: { id: string; reference: string };
let keyboardTarget: { id: string; reference: string };
beforeAll(async () => {
  for (let i = 0; i < 8; i++) await insertResponse({ example: i });
  target = await insertResponse({
    commune: '45234',
    answers: { titrePratique: 'Des clauses dans les marchés d’Orléans' },
  });
  keyboardTarget = await insertResponse({
    status: 'en-examen',
    answers: { titrePratique: 'Un atelier couture sur les chantiers' },
  });
});

/** What has the focus: its id, or its href for a link. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.id || el?.getAttribute('href') || '';
  });

/** Presses Tab until the element with that id (or link with that href) has the focus. */
async function tabTo(page: Page, key: string) {
  for (let i = 0; i < 120 && (await focused(page)) !== key; i++) await page.keyboard.press('Tab');
  expect(await focused(page)).toBe(key);
}

describe('responses inbox in a browser', () => {
  it('when a moderator filters, opens a response, adds a note and changes its status, then each page has no axe violation', async () => {
    const page = await e2e.browser.newPage();
    await loginPage(page, e2e.app.baseUrl, { role: 'moderator' }, '/moderation');
    expect(await page.locator('h1').textContent()).toBe('Réponses au questionnaire');
    await expectNoAxeViolations(page, 'boîte de réception');

    await page.selectOption('#region', '24');
    await Promise.all([page.waitForURL('**/moderation?**'), page.click('button:text("Filtrer")')]);
    expect(page.url()).toContain('region=24');
    expect(await page.locator('tbody tr').count()).toBe(1);
    await Promise.all([
      page.waitForURL(`**/moderation/reponses/${target.id}`),
      page.click(`a[href="/moderation/reponses/${target.id}"]`),
    ]);
    await expectNoAxeViolations(page, 'page d’une réponse');

    await page.fill('#note', 'Appeler la structure avant la rencontre.');
    await Promise.all([page.waitForURL('**#notes'), page.click('text=Enregistrer la note')]);
    expect(await page.locator('.note-list').textContent()).toContain('Appeler la structure');

    await page.check('#statut');
    await Promise.all([
      page.waitForURL(`**/moderation/reponses/${target.id}`),
      page.click('text=Changer le statut'),
    ]);
    expect(await page.locator('.notice').first().textContent()).toContain('En examen');
    // Leaving it out without a reason: the error summary, then no violation either.
    await page.check('#statut-ecartee');
    await page.click('text=Changer le statut');
    await page.waitForSelector('.error-summary');
    await expectNoAxeViolations(page, 'page d’une réponse avec erreur');
    await page.close();
  });

  it('when a moderator does it all with the keyboard only, then the note and the status are stored', async () => {
    const user = await createUser({ role: 'moderator' });
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/connexion?retour=%2Fmoderation`);
    await tabTo(page, 'email');
    await page.keyboard.type(user.email);
    await tabTo(page, 'password');
    await page.keyboard.type(user.password);
    await Promise.all([page.waitForURL('**/moderation'), page.keyboard.press('Enter')]);

    await tabTo(page, 'q');
    await page.keyboard.type('couture');
    await Promise.all([page.waitForURL('**/moderation?**'), page.keyboard.press('Enter')]);
    expect(page.url()).toContain('q=couture');
    await tabTo(page, `/moderation/reponses/${keyboardTarget.id}`);
    await Promise.all([
      page.waitForURL(`**/moderation/reponses/${keyboardTarget.id}`),
      page.keyboard.press('Enter'),
    ]);

    await tabTo(page, 'note');
    await page.keyboard.type('Note écrite au clavier.');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL('**#notes'), page.keyboard.press('Enter')]);

    await tabTo(page, 'statut'); // « Retenir », the first choice from « En examen »
    expect(await page.isChecked('#statut')).toBe(true);
    await tabTo(page, 'motif');
    await page.keyboard.type('Pratique exemplaire.');
    await page.keyboard.press('Tab');
    await Promise.all([
      page.waitForURL(`**/moderation/reponses/${keyboardTarget.id}`),
      page.keyboard.press('Enter'),
    ]);
    const stored = await ResponseModel.findById(keyboardTarget.id).lean();
    expect(stored!.summary!.status).toBe('retenue');
    expect(stored!.moderation.history.at(-1)).toMatchObject({ reason: 'Pratique exemplaire.' });
    expect(stored!.moderation.notes.map((n) => n.text)).toContain('Note écrite au clavier.');
    await page.close();
  });

  it.each([
    ['/moderation/chiffres', 'Chiffres des réponses'],
    ['/moderation?region=ZZ', 'Réponses au questionnaire'],
  ])('when %s is opened, then axe finds no violation', async (url, heading) => {
    const page = await e2e.browser.newPage();
    await loginPage(page, e2e.app.baseUrl, { role: 'moderator' }, url);
    expect(await page.locator('h1').textContent()).toBe(heading);
    await expectNoAxeViolations(page, url);
    await page.close();
  });
});
