import type { Page } from 'playwright-core';
import { record } from '../../src/audit/audit.service';
import { seedDatabase } from '../../src/seeding/seed.service';
import { loginPage } from '../helpers/auth';
import { expectNoAxeViolations, useBrowserApp } from '../helpers/browser';
import { createMeeting, registrationForm, submitRegistration } from '../helpers/meetings';
import { createUser } from '../helpers/auth';

jest.setTimeout(180_000);

let meeting = '';
const e2e = useBrowserApp(async () => {
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-des-tableaux' });
  meeting = await createMeeting({ slug: 'rencontre-des-tableaux' });

  const other = await createUser({ role: 'moderator', regions: ['24'] });
  for (let i = 0; i < 5; i++) {
    await record({ actor: other, action: 'login.success', ip: '192.0.2.7' });
  }
});

/** The back office's lists, each with the table it is made of. */
const lists = () => [
  '/moderation',
  '/moderation/fiches',
  `/moderation/rencontres/${meeting}/inscrits`,
  '/moderation/journal',
  '/moderation/utilisateurs',
];

/** How wide the page is, and whether each table fits its frame or scrolls inside it. */
async function layout(page: Page) {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    wide: Array.from(document.querySelectorAll('body *'))
      .filter(
        (e) =>
          e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrapper'),
      )
      .slice(0, 4)
      .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    tables: Array.from(document.querySelectorAll('table')).map((t) => {
      const frame = t.closest('.table-wrapper');
      const frameWidth = frame?.getBoundingClientRect().width ?? 0;
      return {
        framed: Boolean(frame),
        overflows: t.getBoundingClientRect().width > frameWidth + 1,
        scrolls: frame ? getComputedStyle(frame).overflowX === 'auto' : false,
        // The most lines a cell of the table holds (its content's height over its line height).
        // The most lines a row holds: its height, less its cells' padding, over their line height.
        rowLines: Math.max(
          0,
          ...Array.from(t.querySelectorAll('tbody tr')).map((r) => {
            const cell = getComputedStyle(r.querySelector('td')!);
            const padding = parseFloat(cell.paddingTop) + parseFloat(cell.paddingBottom);
            return (r.getBoundingClientRect().height - padding) / parseFloat(cell.lineHeight);
          }),
        ),
      };
    }),
  }));
}

describe('back-office tables', () => {
  it('when each list is opened at 1280 px and at 390 px, then the page is never wider than the screen, each table fits its frame or scrolls inside it, and rows stay compact', async () => {
    for (let i = 0; i < 3; i++) {
      // supertest takes the listening server's address as well as an app.
      const res = await submitRegistration(e2e.app.baseUrl as never, meeting, registrationForm());
      expect(res.status).toBe(303);
    }
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await loginPage(page, e2e.app.baseUrl, { role: 'admin' });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const url of lists()) {
        await page.goto(`${e2e.app.baseUrl}${url}`);
        await page.screenshot({
          path: `/tmp/bo-${width}-${url.replace(/\W+/g, '-')}.png`,
          fullPage: false,
        });
        const seen = await layout(page);
        expect({ url, width, page: seen.page, wide: seen.wide }).toEqual({
          url,
          width,
          page: width,
          wide: [],
        });
        for (const table of seen.tables) {
          expect({ url, width, framed: table.framed }).toEqual({ url, width, framed: true });
          if (table.overflows)
            expect({ url, width, scrolls: table.scrolls }).toEqual({ url, width, scrolls: true });
          // At 1280 px a row holds its cells in a few lines (the inbox's themes made ten).
          if (width === 1280) {
            const tooTall = table.rowLines > 5.5 ? Math.round(table.rowLines) : false;
            expect({ url, tooTall }).toEqual({ url, tooTall: false });
          }
        }
        await expectNoAxeViolations(page, `${url} à ${width} px`);
      }
    }
    await page.close();
  });
});
