import type { Page } from 'playwright-core';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { loginPage } from '../helpers/auth';
import { expectNoAxeViolations, useBrowserApp } from '../helpers/browser';
import { createMeeting } from '../helpers/meetings';
import { insertResponse } from '../helpers/responses';

jest.setTimeout(120_000);

const e2e = useBrowserApp();

/** Tabs until the element with that accessible text has the focus, then presses Enter. */
async function pressWithKeyboard(page: Page, text: string, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === text) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`« ${text} » not reached with Tab`);
}

describe('personal data in Chromium', () => {
  it('when a respondent opens « Mes données » from their draft and deletes it with the keyboard, then axe finds nothing and the draft is gone', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/questionnaire`);
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.waitForURL(/\?nouveau=1$/);
    const resume = page.url().replace(/\?.*$/, '');
    await page.getByRole('link', { name: 'Mes données' }).click();
    await page.waitForURL(`${resume}/mes-donnees`);
    expect(await page.locator('h1').textContent()).toBe('Mes données');
    await expectNoAxeViolations(page, 'mes données (brouillon)');
    expect(await ResponseModel.countDocuments()).toBe(1);

    await pressWithKeyboard(page, 'Supprimer ce brouillon');
    await page.waitForURL('**/questionnaire/brouillon-supprime');
    await expectNoAxeViolations(page, 'brouillon supprimé');
    expect(await ResponseModel.countDocuments()).toBe(0);
    await page.close();
  });

  it('when the privacy page is read on a phone, then every processing and its retention is there, and axe finds nothing', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(`${e2e.app.baseUrl}/donnees-personnelles`);
    await expectNoAxeViolations(page, 'données personnelles (téléphone)');
    expect(await page.locator('h3').allTextContents()).toEqual(
      expect.arrayContaining([
        'Questionnaire des bonnes pratiques',
        'Inscriptions aux rencontres régionales',
      ]),
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('when an admin searches an e-mail and erases it, then each step has no axe violation', async () => {
    await insertResponse({
      answers: { nomRepondant: 'Alex Moreau', emailRepondant: 'alex.moreau@exemple.fr' },
    });
    await createMeeting();
    const page = await e2e.browser.newPage();
    await loginPage(page, e2e.app.baseUrl, { role: 'admin' });
    await page.goto(`${e2e.app.baseUrl}/moderation/donnees-personnelles`);
    await expectNoAxeViolations(page, 'données personnelles (admin)');
    await page.fill('#email', 'pas une adresse');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Saisissez une adresse e-mail valide',
    );
    await expectNoAxeViolations(page, 'données personnelles (erreur)');
    await page.fill('#email', 'alex.moreau@exemple.fr');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    expect(await page.locator('.held-list').textContent()).toContain('Réponse BP-');
    await expectNoAxeViolations(page, 'données personnelles (résultats)');
    await page.check('#confirmation');
    await page.getByRole('button', { name: 'Effacer' }).click();
    expect(await page.locator('[role=status]').textContent()).toContain('Données effacées');
    await expectNoAxeViolations(page, 'données personnelles (effacées)');
    await page.close();
  });
});
