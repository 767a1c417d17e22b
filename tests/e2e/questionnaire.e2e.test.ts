import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, expectNoAxeViolations, useBrowserApp } from '../helpers/browser';

/**
 * The respondent's whole journey in a real Chromium against the real app and database:
 * keyboard only with JavaScript, then with JavaScript disabled, with axe-core on every page.
 */
jest.setTimeout(180_000);

const referencePattern = /BP-\d{4}-\d{5}/;
const pdf = {
  name: 'plaquette-clause.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
  ),
};

const e2e = useBrowserApp();

async function newPage(
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({
    baseURL: e2e.app.baseUrl,
    locale: 'fr-FR',
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

// ───────────────────────────── keyboard helpers (no mouse, no fill) ─────────────────────────────

const activeMatches = (page: Page, selector: string) =>
  page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);

const activeDescription = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'nothing';
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> ${(el.textContent ?? '').trim().slice(0, 40)}`;
  });

/**
 * Presses Tab (or Shift+Tab when the target comes before the focused element) until the focused
 * element matches `selector`. Bounded: fails after `max` presses.
 */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  if (await activeMatches(page, selector)) return;
  const backwards = await page.evaluate((sel) => {
    const target = document.querySelector(sel);
    const active = document.activeElement;
    if (!target) throw new Error(`no element matches ${sel}`);
    if (!active || active === document.body) return false;
    return Boolean(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
  }, selector);
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await activeMatches(page, selector)) return;
  }
  throw new Error(
    `focus never reached ${selector} in ${max} presses (on ${await activeDescription(page)})`,
  );
}

/** Tabs to a text field, selects what it holds and types over it. */
async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, `#${id}`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Tabs to a radio or checkbox and checks it with the space bar. */
async function tick(page: Page, id: string): Promise<void> {
  await tabTo(page, `#${id}`);
  await page.keyboard.press('Space');
}

const continueButton = 'button[name="action"][value="continuer"]';

/** « Enregistrer et continuer » with the keyboard, then waits for the next page. */
async function saveAndContinue(page: Page, next: RegExp): Promise<void> {
  await tabTo(page, continueButton);
  await Promise.all([page.waitForURL(next), page.keyboard.press('Enter')]);
}

const communeCodes = (page: Page) =>
  page
    .locator('#territoireCommunes option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));

const stepHeading = (page: Page) => page.locator('p.progress').textContent();

/** Starts a draft with the mouse (for tests that are not about the keyboard); returns its resume URL. */
async function startDraft(page: Page): Promise<string> {
  await page.goto('/questionnaire');
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.waitForURL(/\?nouveau=1$/);
  return page.url().replace(/\?.*$/, '');
}

// ─────────────────────────────────────────── tests ───────────────────────────────────────────

describe('questionnaire journey in Chromium', () => {
  it('when a person uses only the keyboard, then they can complete, correct and send the whole questionnaire, and axe finds nothing on any page', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto('/questionnaire');
      await expectNoAxeViolations(page, 'intro');

      // Intro: the e-mail is optional; « Commencer » creates the draft.
      await typeInto(page, 'email', 'camille.martin@exemple.fr');
      await tabTo(page, 'form[action="/questionnaire/commencer"] button[type="submit"]');
      await Promise.all([
        page.waitForURL(/\/questionnaire\/reprendre\/[^/]+\?nouveau=1$/),
        page.keyboard.press('Enter'),
      ]);
      expect(await page.locator('h1').textContent()).toBe('Votre réponse au questionnaire');
      const resumeUrl = page.url().replace(/\?.*$/, '');
      expect(await page.inputValue('#lien-reprise')).toBe(resumeUrl);
      await expectNoAxeViolations(page, 'task list (new draft)');

      await tabTo(page, `a.button[href$="/repondant"]`);
      await Promise.all([page.waitForURL(/\/repondant$/), page.keyboard.press('Enter')]);

      // 1. Vous et votre structure
      expect(await stepHeading(page)).toBe('Étape 1 sur 10');
      await expectNoAxeViolations(page, 'step 1 repondant');
      await typeInto(page, 'nomRepondant', 'Camille Martin');
      await typeInto(page, 'nomStructure', 'Ville de Tours');
      await tabTo(page, '#typeStructure');
      await page.keyboard.type('Commune');
      expect(await page.inputValue('#typeStructure')).toBe('commune');
      await typeInto(page, 'emailRepondant', 'camille.martin@exemple.fr');
      await saveAndContinue(page, /\/territoire$/);

      // 2. Le territoire: each choice loads the next list (fetch), no page reload.
      expect(await stepHeading(page)).toBe('Étape 2 sur 10');
      await expectNoAxeViolations(page, 'step 2 territoire');
      // With the script, the « Afficher … » buttons of the no-JS path are hidden.
      expect(
        await page.getByRole('button', { name: 'Afficher les départements' }).isVisible(),
      ).toBe(false);
      await tabTo(page, '#territoireRegion');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/departements/24')),
        page.keyboard.type('Centre'),
      ]);
      expect(await page.inputValue('#territoireRegion')).toBe('24');
      await page
        .locator('#territoireDepartement option[value="37"]')
        .waitFor({ state: 'attached' });
      await tabTo(page, '#territoireDepartement');
      // Typing « 37 » passes through « 36 – Indre »: only the last choice's communes may be listed.
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/communes/37')),
        page.keyboard.type('37'),
      ]);
      expect(await page.inputValue('#territoireDepartement')).toBe('37');
      await page
        .locator('#territoireCommunes option[value="37122"]')
        .waitFor({ state: 'attached' });
      const codes = await communeCodes(page);
      expect(codes.length).toBeGreaterThan(200);
      expect(codes.filter((code) => !code.startsWith('37'))).toEqual([]);
      // The filter above the list picks the first commune that matches.
      await typeInto(page, 'territoireCommunes-filtre', 'Joué');
      expect(await page.inputValue('#territoireCommunes')).toBe('37122');
      await saveAndContinue(page, /\/pratique$/);

      // 3. La pratique — the title is forgotten on purpose.
      expect(await stepHeading(page)).toBe('Étape 3 sur 10');
      await expectNoAxeViolations(page, 'step 3 pratique');
      await typeInto(
        page,
        'resumePratique',
        'Des habitantes des quartiers recrutées sur les chantiers.',
      );
      await typeInto(
        page,
        'contextePratique',
        'Peu de femmes sur les chantiers du renouvellement urbain.',
      );
      await typeInto(
        page,
        'actionsPratique',
        'Visites de chantier, forum emploi, suivi par le guichet clause.',
      );
      await typeInto(page, 'dateDebutMois', '3');
      await typeInto(page, 'dateDebutAnnee', '2022');
      await tabTo(page, continueButton);
      await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith('/pratique'),
        ),
        page.keyboard.press('Enter'),
      ]);
      const summary = page.locator('[data-error-summary]');
      await summary.waitFor();
      await page.waitForLoadState('load');
      expect(await page.title()).toMatch(/La pratique/);
      expect(await summary.locator('a').allTextContents()).toHaveLength(1);
      // The script moves focus to the summary so that it is announced.
      expect(await activeMatches(page, '[data-error-summary]')).toBe(true);
      await expectNoAxeViolations(page, 'step 3 pratique, error summary shown');
      // What was typed is still there.
      expect(await page.inputValue('#dateDebutAnnee')).toBe('2022');
      await page.keyboard.press('Tab');
      expect(await activeMatches(page, '[data-error-summary] a[href="#titrePratique"]')).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'titrePratique');
      expect(await page.getAttribute('#titrePratique', 'aria-invalid')).toBe('true');
      await page.keyboard.type('Des habitantes sur les chantiers du renouvellement urbain');
      await saveAndContinue(page, /\/thematiques-leviers$/);

      // 4. Thématiques et leviers juridiques
      expect(await stepHeading(page)).toBe('Étape 4 sur 10');
      await expectNoAxeViolations(page, 'step 4 thematiques-leviers');
      await tick(page, 'thematiques-3');
      expect(await page.isChecked('#thematiques-3')).toBe(true);
      await saveAndContinue(page, /\/marches$/);

      // 5. Les marchés (optional): one figure.
      expect(await stepHeading(page)).toBe('Étape 5 sur 10');
      await expectNoAxeViolations(page, 'step 5 marches');
      await typeInto(page, 'nombreMarches', '12');
      await saveAndContinue(page, /\/publics-partenaires$/);

      // 6. Publics: « Oui » reveals the follow-up question.
      expect(await stepHeading(page)).toBe('Étape 6 sur 10');
      await expectNoAxeViolations(page, 'step 6 publics-partenaires');
      expect(await page.isVisible('#actionFemmesDescription')).toBe(false);
      await tick(page, 'actionFemmes');
      await page.locator('#actionFemmesDescription').waitFor({ state: 'visible' });
      await typeInto(page, 'actionFemmesDescription', 'Visites de chantier entre femmes.');
      await saveAndContinue(page, /\/moyens$/);

      // 7. Les moyens (optional)
      expect(await stepHeading(page)).toBe('Étape 7 sur 10');
      await expectNoAxeViolations(page, 'step 7 moyens');
      await typeInto(page, 'etpDedies', '0,5');
      await saveAndContinue(page, /\/resultats$/);

      // 8. Les résultats (optional)
      expect(await stepHeading(page)).toBe('Étape 8 sur 10');
      await expectNoAxeViolations(page, 'step 8 resultats');
      await typeInto(page, 'participants', '24');
      await typeInto(page, 'participantesFemmes', '9');
      await saveAndContinue(page, /\/analyse$/);

      // 9. Votre analyse (optional)
      expect(await stepHeading(page)).toBe('Étape 9 sur 10');
      await expectNoAxeViolations(page, 'step 9 analyse');
      await typeInto(page, 'facteursReussite', 'Un binôme facilitatrice et cheffe de chantier.');
      await saveAndContinue(page, /\/documents-consentement$/);

      // 10. Documents et publication: a PDF, publication choices, consent.
      expect(await stepHeading(page)).toBe('Étape 10 sur 10');
      await expectNoAxeViolations(page, 'step 10 documents-consentement');
      expect(await page.isVisible('#contactPublic')).toBe(false);
      await tick(page, 'consentementPublication');
      expect(await page.inputValue('#consentementPublication')).toBe('oui-publication');
      await page.locator('#contactPublic').waitFor({ state: 'visible' });
      await tick(page, 'contactPublic');
      await page.keyboard.press('ArrowDown');
      expect(await page.isChecked('#contactPublic-2')).toBe(true);
      await tick(page, 'consentementDonnees');
      expect(await page.isChecked('#consentementDonnees')).toBe(true);
      // Shift+Tab back into a radio group lands on its checked radio.
      await tabTo(page, '#contactPublic-2');
      // The file chooser is the one thing a keyboard cannot drive in a headless e2e.browser.
      await page.setInputFiles('#fichiers-input', pdf);
      await tabTo(page, 'button[name="action"][value="televerser"]');
      await Promise.all([
        page.waitForURL(/\/documents-consentement\?ajoutes=1#fichiers$/),
        page.keyboard.press('Enter'),
      ]);
      expect(await page.locator('.file-list a').allTextContents()).toEqual([pdf.name]);
      expect(await page.locator('[role="status"]').textContent()).toContain('1 fichier ajouté');
      // « Joindre les fichiers » saved the choices made above.
      expect(await page.isChecked('#contactPublic-2')).toBe(true);
      expect(await page.isChecked('#consentementDonnees')).toBe(true);
      await expectNoAxeViolations(page, 'step 10 with the attached file');
      await saveAndContinue(page, /\/verification$/);

      // Review, then send.
      expect(await page.locator('h1').textContent()).toBe('Vérifier vos réponses');
      const review = await page.locator('main').innerText();
      for (const answer of [
        'Camille Martin',
        'Joué-lès-Tours',
        'Des habitantes sur les chantiers du renouvellement urbain',
        pdf.name,
      ]) {
        expect(review).toContain(answer);
      }
      expect(await page.locator('.tag').count()).toBe(0);
      await expectNoAxeViolations(page, 'review');
      await tabTo(page, 'form[action$="/envoyer"] button[type="submit"]');
      await Promise.all([page.waitForURL(/\/confirmation$/), page.keyboard.press('Enter')]);

      expect(await page.locator('h1').textContent()).toBe('Réponse envoyée');
      expect(await page.locator('.panel__body strong').textContent()).toMatch(referencePattern);
      expect(await page.locator('main').innerText()).toContain('camille.martin@exemple.fr');
      await expectNoAxeViolations(page, 'confirmation');
    } finally {
      await context.close();
    }
  });

  it("when the first page comes compressed with the visitor's token spliced in, then Chromium reads it and the draft starts", async () => {
    for (let visitor = 0; visitor < 2; visitor++) {
      const { context, page } = await newPage();
      try {
        const response = await page.goto('/questionnaire');
        expect(response!.headers()['content-encoding']).toBe('gzip');
        await page.getByRole('button', { name: 'Commencer' }).click();
        await page.waitForURL(/\?nouveau=1$/);
      } finally {
        await context.close();
      }
    }
  });

  it('when JavaScript is disabled, then the territory lists come from successive submissions and the response can be sent', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false });
    try {
      await page.goto('/questionnaire');
      await page.getByRole('button', { name: 'Commencer' }).click();
      await page.waitForURL(/\?nouveau=1$/);
      await page.locator('a.button', { hasText: 'Commencer' }).click();
      await page.waitForURL(/\/repondant$/);

      // 1
      await page.fill('#nomRepondant', 'Sami Benali');
      await page.fill('#nomStructure', 'PLIE de Tours Métropole');
      await page.selectOption('#typeStructure', 'plie');
      await page.fill('#emailRepondant', 'sami.benali@exemple.fr');
      await page.click(continueButton);
      await page.waitForURL(/\/territoire$/);

      // 2: région → « Afficher les départements » → département → « Afficher les communes » → commune
      expect(await page.locator('#territoireDepartement option').count()).toBe(1);
      await page.selectOption('#territoireRegion', '24');
      await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith('/territoire'),
        ),
        page.getByRole('button', { name: 'Afficher les départements' }).click(),
      ]);
      await page
        .locator('#territoireDepartement option[value="37"]')
        .waitFor({ state: 'attached' });
      expect(await page.inputValue('#territoireRegion')).toBe('24');
      await page.selectOption('#territoireDepartement', '37');
      await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith('/territoire'),
        ),
        page.getByRole('button', { name: 'Afficher les communes' }).click(),
      ]);
      await page
        .locator('#territoireCommunes option[value="37261"]')
        .waitFor({ state: 'attached' });
      await page.selectOption('#territoireCommunes', '37261');
      await page.click(continueButton);
      await page.waitForURL(/\/pratique$/);

      // 3: a validation error first, without the script the summary is still there and linked.
      await page.fill('#resumePratique', 'Un guichet unique pour les entreprises attributaires.');
      await page.fill('#contextePratique', 'Des clauses peu suivies.');
      await page.fill('#actionsPratique', 'Un guichet, un tableau de bord, des rencontres.');
      await page.fill('#dateDebutMois', '9');
      await page.fill('#dateDebutAnnee', '2021');
      await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith('/pratique'),
        ),
        page.click(continueButton),
      ]);
      await page.locator('[data-error-summary] a[href="#titrePratique"]').waitFor();
      await page.fill('#titrePratique', 'Un guichet clause pour toute la métropole');
      await page.click(continueButton);
      await page.waitForURL(/\/thematiques-leviers$/);

      // 4
      await page.check('#thematiques');
      await page.click(continueButton);
      await page.waitForURL(/\/marches$/);

      // 5 to 9: optional, saved as they are.
      for (const next of [
        'publics-partenaires',
        'moyens',
        'resultats',
        'analyse',
        'documents-consentement',
      ]) {
        await page.click(continueButton);
        await page.waitForURL(new RegExp(`/${next}$`));
      }

      // 10: without the script every follow-up question is shown.
      await page.setInputFiles('#fichiers-input', pdf);
      await page.check('#consentementPublication');
      expect(await page.isVisible('#contactPublic')).toBe(true);
      await page.check('#contactPublic-3');
      await page.check('#consentementDonnees');
      await page.click(continueButton);
      // A new file is shown on the same page first (to describe images), then « continuer ».
      await page.waitForURL(/\?ajoutes=1#fichiers$/);
      expect(await page.locator('.file-list a').allTextContents()).toEqual([pdf.name]);
      expect(await page.isChecked('#consentementDonnees')).toBe(true);
      await page.click(continueButton);
      await page.waitForURL(/\/verification$/);

      expect(await page.locator('h1').textContent()).toBe('Vérifier vos réponses');
      expect(await page.locator('main').innerText()).toContain('Tours');
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await page.waitForURL(/\/confirmation$/);
      expect(await page.locator('.panel__body strong').textContent()).toMatch(referencePattern);
    } finally {
      await context.close();
    }
  });

  it('when answers to the territory lists arrive out of order, then the lists follow the last choice', async () => {
    const { context, page } = await newPage();
    try {
      // Records, after the page's own callbacks have run, each JSON body the page has read.
      await page.addInitScript(() => {
        const w = window as unknown as { jsonRead: string[] };
        w.jsonRead = [];
        const json = Response.prototype.json;
        Response.prototype.json = function (this: Response) {
          const url = new URL(this.url).pathname;
          return json.call(this).then((value: unknown) => {
            setTimeout(() => w.jsonRead.push(url));
            return value;
          });
        };
      });
      const jsonRead = (url: string) =>
        page.waitForFunction(
          (u) => (window as unknown as { jsonRead: string[] }).jsonRead.includes(u),
          url,
        );

      // The communes of 36 (Indre) are held back until those of 37 (Indre-et-Loire) are shown.
      let releaseIndre!: () => void;
      const indreHeld = new Promise<void>((resolve) => (releaseIndre = resolve));
      await page.route('**/api/communes/36', async (route) => {
        await indreHeld;
        await route.continue();
      });

      const resume = await startDraft(page);
      await page.goto(`${resume}/territoire`);
      await page.selectOption('#territoireRegion', '24');
      await jsonRead('/api/departements/24');
      await page.selectOption('#territoireDepartement', '36');
      await page.selectOption('#territoireDepartement', '37');
      await jsonRead('/api/communes/37');
      releaseIndre();
      await jsonRead('/api/communes/36');

      expect(await page.inputValue('#territoireDepartement')).toBe('37');
      const codes = await communeCodes(page);
      expect(codes).toContain('37261');
      expect(codes.filter((code) => !code.startsWith('37'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('when a page breaks a rule, then the axe helper reports it readably (the checks above are not vacuous)', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto('/questionnaire');
      await page.evaluate(() => document.querySelector('label[for="email"]')?.remove());
      const found = await axeViolations(page);
      expect(found).toEqual(
        expect.arrayContaining([expect.stringMatching(/^label \(critical\) – .+ → #email$/)]),
      );
    } finally {
      await context.close();
    }
  });

  it('when seen at phone width (375×812), then the pages are screenshotted for a visual check', async () => {
    const { context, page } = await newPage({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await page.goto('/questionnaire');
      await page.screenshot({ path: '/tmp/e2e-intro.png', fullPage: true });
      const resume = await startDraft(page);
      await page.goto(`${resume}/territoire`);
      await page.selectOption('#territoireRegion', '24');
      await page
        .locator('#territoireDepartement option[value="37"]')
        .waitFor({ state: 'attached' });
      await page.selectOption('#territoireDepartement', '37');
      await page
        .locator('#territoireCommunes option[value="37261"]')
        .waitFor({ state: 'attached' });
      await page.selectOption('#territoireCommunes', '37261');
      await page.screenshot({ path: '/tmp/e2e-territoire.png', fullPage: true });
      await page.goto(`${resume}/pratique`);
      await page.click(continueButton);
      await page.locator('[data-error-summary]').waitFor();
      await page.screenshot({ path: '/tmp/e2e-pratique-erreurs.png', fullPage: true });
      // Nothing is wider than the screen (no horizontal scrolling).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        375,
      );
    } finally {
      await context.close();
    }
  });
});
