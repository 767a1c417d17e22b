import type { Page } from 'playwright-core';
import { RegistrationModel } from '../../src/meetings/registrations/registration.model';
import { seedDatabase } from '../../src/seeding/seed.service';
import { loginPage } from '../helpers/auth';
import { expectNoAxeViolations, useBrowserApp } from '../helpers/browser';

jest.setTimeout(180_000);

const slug = 'exemple-rencontre-fictive';
const e2e = useBrowserApp(async () => {
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-e2e-rencontres' });
});

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses Tab until the element with that id has the focus (a bounded number of times). */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 60 && (await activeId(page)) !== id; i++) await page.keyboard.press('Tab');
  expect(await activeId(page)).toBe(id);
}

/** Tabs to the submit button whose text starts with `label` and presses Enter. */
async function tabToButton(page: Page, label: string) {
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  for (let i = 0; i < 80 && !(await focused()).startsWith(label); i++) {
    await page.keyboard.press('Tab');
  }
  expect(await focused()).toContain(label);
}

describe('meetings in a browser', () => {
  it('when a person registers with the keyboard only, changes workshop, cancels and erases their data, then every page passes axe', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.app.baseUrl}/rencontres`);
    await expectNoAxeViolations(page, 'liste des rencontres et carte');
    await page.goto(`${e2e.app.baseUrl}/rencontres/${slug}`);
    await expectNoAxeViolations(page, 'page de la rencontre');
    await tabToButton(page, 'S’inscrire');
    await Promise.all([
      page.waitForURL(`**/rencontres/${slug}/inscription`),
      page.keyboard.press('Enter'),
    ]);
    await expectNoAxeViolations(page, 'formulaire d’inscription');

    // Sent empty first: the error summary, then fixed by keyboard.
    await tabToButton(page, 'Je m’inscris');
    await Promise.all([page.waitForURL(/inscription$/), page.keyboard.press('Enter')]);
    await page.waitForSelector('.error-summary');
    await expectNoAxeViolations(page, 'formulaire avec erreurs');

    await page.goto(`${e2e.app.baseUrl}/rencontres/${slug}/inscription`);
    await tabTo(page, 'nom');
    await page.keyboard.type('Lefebvre');
    await tabTo(page, 'prenom');
    await page.keyboard.type('Jeanne');
    await tabTo(page, 'email');
    await page.keyboard.type('jeanne.lefebvre@exemple.fr');
    await tabTo(page, 'structure');
    await page.keyboard.type('PLIE du Loiret');
    await tabTo(page, 'typeStructure');
    await page.keyboard.type('Plan local');
    await tabTo(page, 'fonction');
    await page.keyboard.type('Facilitatrice');
    await tabTo(page, 'departement');
    await page.keyboard.type('45');
    await tabTo(page, 'atelier');
    await page.keyboard.press('Space');
    await tabTo(page, 'consentementListe');
    await page.keyboard.press('Space');
    await tabToButton(page, 'Je m’inscris');
    await Promise.all([page.waitForURL(/confirmation=1$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Inscription confirmée');
    await expectNoAxeViolations(page, 'confirmation');
    const stored = await RegistrationModel.findOne({ email: 'jeanne.lefebvre@exemple.fr' }).lean();
    expect(stored).toMatchObject({
      structureType: 'plie',
      department: '45',
      workshop: 'A',
      status: 'confirmee',
      listConsent: true,
    });

    // Change workshop: arrow to B, then the button.
    await tabTo(page, 'atelier');
    await page.keyboard.press('ArrowDown');
    await tabToButton(page, 'Changer d’atelier');
    await Promise.all([page.waitForURL(/\?fait=moved$/), page.keyboard.press('Enter')]);
    expect(await page.locator('#atelier-actuel').textContent()).toContain('B)');

    await tabToButton(page, 'Annuler mon inscription');
    await Promise.all([page.waitForURL(/\?fait=cancelled$/), page.keyboard.press('Enter')]);
    expect(await page.locator('#statut').textContent()).toBe('Annulée');
    await expectNoAxeViolations(page, 'inscription annulée');

    // Once cancelled, the person erases their data from the same page.
    await tabToButton(page, 'Effacer mes données');
    await Promise.all([page.waitForURL(/\?fait=erased$/), page.keyboard.press('Enter')]);
    expect(await page.locator('[role=status]').textContent()).toContain(
      'Vos données ont été effacées',
    );
    await expectNoAxeViolations(page, 'inscription effacée');
    expect(await RegistrationModel.countDocuments({ email: 'jeanne.lefebvre@exemple.fr' })).toBe(0);
    await page.close();
  });

  it('when a moderator checks an attendee in from a phone, then the person is present and the back-office pages pass axe', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 375, height: 740 } });
    const form = await e2e.browser.newPage();
    await form.goto(`${e2e.app.baseUrl}/rencontres/${slug}/inscription`);
    await form.fill('#nom', 'Moreau');
    await form.fill('#prenom', 'Lucas');
    await form.fill('#email', 'lucas.moreau@exemple.fr');
    await form.fill('#structure', 'Ville');
    await form.selectOption('#typeStructure', 'commune');
    await form.fill('#fonction', 'Chargé de mission');
    await form.selectOption('#departement', '75');
    await form.check('#atelier-2');
    await Promise.all([form.waitForURL(/confirmation=1$/), form.click('button[type=submit]')]);
    await form.close();

    await loginPage(
      page,
      e2e.app.baseUrl,
      { role: 'moderator' },
      `/moderation/rencontres/${slug}/inscrits`,
    );
    await expectNoAxeViolations(page, 'liste des inscrits');
    await page.goto(`${e2e.app.baseUrl}/moderation/rencontres/${slug}`);
    await expectNoAxeViolations(page, 'tableau de bord de la rencontre');
    await page.goto(`${e2e.app.baseUrl}/moderation/rencontres/${slug}/accueil`);
    await expectNoAxeViolations(page, 'accueil (pointage)');
    await Promise.all([
      page.waitForURL(/accueil/),
      page.getByRole('button', { name: 'Présent·e : Lucas Moreau' }).click(),
    ]);
    expect(await page.locator('.notice--success').textContent()).toContain(
      'Lucas Moreau : présence enregistrée',
    );
    const stored = await RegistrationModel.findOne({ email: 'lucas.moreau@exemple.fr' }).lean();
    expect(stored!.present).toBe(true);
    await page.goto(`${e2e.app.baseUrl}/moderation/rencontres/${slug}/modifier`);
    await expectNoAxeViolations(page, 'éditeur de rencontre');
    await page.goto(`${e2e.app.baseUrl}/moderation/rencontres/${slug}/emargement/B`);
    await expectNoAxeViolations(page, 'feuille d’émargement');
    // The team's « Annuler » asks first, then cancels.
    await page.goto(
      `${e2e.app.baseUrl}/moderation/rencontres/${slug}/inscrits/${String(stored!._id)}/annulation`,
    );
    expect(await page.locator('h1').textContent()).toBe('Annuler l’inscription de Lucas Moreau');
    await expectNoAxeViolations(page, 'confirmation d’annulation');
    await Promise.all([
      page.waitForURL(/\/inscrits$/),
      page.getByRole('button', { name: 'Confirmer l’annulation' }).click(),
    ]);
    expect((await RegistrationModel.findById(stored!._id).lean())!.status).toBe('annulee');
    await page.close();
  });
});
