import type { Page } from 'playwright-core';
import { record } from '../../src/audit';
import { issueInvitationLink, passwordLinkPath } from '../../src/accounts/password-link.service';
import { totpCode } from '../../src/accounts/totp';
import { UserModel } from '../../src/accounts/user.model';
import { createUser, loginPage } from '../helpers/auth';
import { expectNoAxeViolations, useBrowserApp } from '../helpers/browser';

jest.setTimeout(120_000);

const e2e = useBrowserApp();

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses Tab until the element with that id has the focus (a bounded number of times). */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 30 && (await activeId(page)) !== id; i++) await page.keyboard.press('Tab');
  expect(await activeId(page)).toBe(id);
}

describe('back office in a browser', () => {
  it('when a moderator logs in with the keyboard only, then the account page opens', async () => {
    const user = await createUser({ role: 'moderator', regions: ['24'] });
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/connexion?retour=%2Fmoderation%2Fcompte`);
    await tabTo(page, 'email');
    await page.keyboard.type(user.email);
    await tabTo(page, 'password');
    await page.keyboard.type(user.password);
    await Promise.all([page.waitForURL('**/moderation/compte'), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Mon compte');
    expect(await page.locator('main').textContent()).toContain('Centre-Val de Loire');
    await page.close();
  });

  it('when an admin logs in for the first time, then they enrol TOTP from the page (secret typed by hand) and see their recovery codes', async () => {
    const admin = await createUser({ role: 'admin', totp: false });
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/connexion?retour=%2Fmoderation%2Futilisateurs`);
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await Promise.all([
      page.waitForURL('**/connexion/activation'),
      page.press('#password', 'Enter'),
    ]);
    expect(
      await page.locator('img.qr-code').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(100);
    await expectNoAxeViolations(page, 'activation de la double authentification');

    const secret = (await page.locator('code.secret').textContent())!.replace(/\s/g, '');
    await page.fill('#code', '000000' === totpCode(secret) ? '111111' : '000000');
    await page.press('#code', 'Enter');
    await page.waitForSelector('.error-summary');
    await expectNoAxeViolations(page, 'activation, code incorrect');
    await page.fill('#code', totpCode(secret));
    await Promise.all([page.waitForURL('**/connexion/activation'), page.press('#code', 'Enter')]);
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await expectNoAxeViolations(page, 'codes de secours');
    await Promise.all([
      page.waitForURL('**/moderation/utilisateurs'),
      page.click('text=J’ai noté mes codes, continuer'),
    ]);
    expect(await page.locator('h1').textContent()).toBe('Utilisateurs');
    await page.close();
  });

  it.each([
    ['/connexion', 'Connexion à l’espace de modération'],
    ['/mot-de-passe-oublie', 'Mot de passe oublié'],
  ])('when %s is opened, then axe finds no violation', async (url, heading) => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}${url}`);
    expect(await page.locator('h1').textContent()).toBe(heading);
    await expectNoAxeViolations(page, url);
    await page.press('#email', 'Enter');
    await page.waitForSelector('.error-summary');
    await expectNoAxeViolations(page, `${url} avec erreurs`);
    await page.close();
  });

  it('when an admin opens the second-factor step and every back-office page, then axe finds no violation', async () => {
    const admin = await createUser({ role: 'admin' });
    const other = await createUser({ role: 'moderator', regions: ['24', '28'] });
    await record({
      actor: other,
      action: 'login.failure',
      details: { reason: 'password' },
      ip: '192.0.2.7',
    });
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/connexion`);
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await Promise.all([
      page.waitForURL('**/connexion/verification'),
      page.press('#password', 'Enter'),
    ]);
    await expectNoAxeViolations(page, 'code de vérification');

    const signedIn = await e2e.browser.newPage();
    await loginPage(signedIn, e2e.app.baseUrl, { role: 'admin' });
    for (const url of [
      '/moderation/compte',
      '/moderation/utilisateurs',
      '/moderation/utilisateurs/inviter',
      `/moderation/utilisateurs/${other.id}`,
      '/moderation/journal',
      '/moderation/journal?du=2026-02-30',
      '/moderation/exemples',
      '/moderation/aide',
    ]) {
      await signedIn.goto(`${e2e.app.baseUrl}${url}`);
      await expectNoAxeViolations(signedIn, url);
    }
    await page.close();
    await signedIn.close();
  });

  it('when an invited person opens their link, then the password page has no axe violation', async () => {
    const invited = await createUser({ role: 'moderator' });
    await UserModel.updateOne({ _id: invited.id }, { $set: { passwordHash: null } });
    const token = await issueInvitationLink(invited.id);
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}${passwordLinkPath(token!)}`);
    expect(await page.locator('h1').textContent()).toBe('Activer votre compte');
    await expectNoAxeViolations(page, 'activation du compte');
    await page.close();
  });

  it('when a moderator opens the enrolment page from their account, then axe finds no violation', async () => {
    const page = await e2e.browser.newPage();
    await loginPage(
      page,
      e2e.app.baseUrl,
      { role: 'moderator' },
      '/moderation/compte/double-authentification',
    );
    expect(await page.locator('h1').textContent()).toBe('Activer la double authentification');
    await expectNoAxeViolations(page, 'activation depuis le compte');
    await page.close();
  });
});
