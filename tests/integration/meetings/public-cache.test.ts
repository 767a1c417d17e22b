import request from 'supertest';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { createMeeting, registrationForm } from '../../helpers/meetings';
import { csrfFrom } from '../../helpers/respondent';

useTestDatabase();
const mailer = captureMailer();
const { app } = buildTestApp({}, { mailer });

beforeEach(async () => {
  await clearDatabase();
});

const placesLeft = (html: string) =>
  [...html.matchAll(/(\d+) places? restantes?/g)].map((m) => m[1]);

async function register(slug: string, atelier: string) {
  const agent = request.agent(app);
  const form = await agent.get(`/rencontres/${slug}/inscription`);
  return agent
    .post(`/rencontres/${slug}/inscription`)
    .type('form')
    .send({ _csrf: csrfFrom(form.text), ...registrationForm({ atelier }) });
}

describe('public meeting pages served from memory', () => {
  it('when people register and one cancels, then the page and the form show the places left at once', async () => {
    const slug = await createMeeting({ workshops: { A: 3, B: 2 } });
    expect(placesLeft((await request(app).get(`/rencontres/${slug}`)).text)).toEqual(['3', '2']);
    const first = await register(slug, 'A');
    expect(first.status).toBe(303);
    expect((await register(slug, 'B')).status).toBe(303);
    expect(placesLeft((await request(app).get(`/rencontres/${slug}`)).text)).toEqual(['2', '1']);
    expect((await request(app).get(`/rencontres/${slug}/inscription`)).text).toContain(
      'B) Atelier B – 1 place restante',
    );

    const personal = await request(app).get(first.headers.location.split('?')[0]);
    const cancelled = await request(app)
      .post(`${first.headers.location.split('?')[0]}/annulation`)
      .set('Cookie', personal.headers['set-cookie'] as unknown as string[])
      .type('form')
      .send({ _csrf: csrfFrom(personal.text) });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.location).toMatch(/\?fait=cancelled$/);
    expect(placesLeft((await request(app).get(`/rencontres/${slug}`)).text)).toEqual(['3', '1']);
  });

  it('when two visitors open a form page, then each gets a token of their own that works only with their own cookie', async () => {
    const one = request.agent(app);
    const two = request.agent(app);
    const [pageOne, pageTwo] = [await one.get('/questionnaire'), await two.get('/questionnaire')];
    const [tokenOne, tokenTwo] = [csrfFrom(pageOne.text), csrfFrom(pageTwo.text)];
    expect(tokenOne).not.toBe(tokenTwo);
    // The rest of the page is the same bytes for everyone.
    expect(pageOne.text.replaceAll(tokenOne, '')).toBe(pageTwo.text.replaceAll(tokenTwo, ''));
    expect(pageOne.headers['cache-control']).toBe('no-store');

    const crossed = await two
      .post('/questionnaire/commencer')
      .type('form')
      .send({ _csrf: tokenOne });
    expect(crossed.status).toBe(403);
    const own = await one.post('/questionnaire/commencer').type('form').send({ _csrf: tokenOne });
    expect(own.status).toBe(303);
  });

  it('when a form page is read again and again, compressed or not, then each answer carries its headers, its cookie on a first visit and a working token', async () => {
    const slug = await createMeeting();
    const path = `/rencontres/${slug}/inscription`;
    // The first reading renders the page; the next ones are served from memory.
    for (const encoding of ['gzip', 'identity', 'gzip']) {
      const agent = request.agent(app);
      const first = await agent.get(path).set('Accept-Encoding', encoding);
      expect(first.status).toBe(200);
      expect(first.headers['content-encoding']).toBe(encoding === 'gzip' ? 'gzip' : undefined);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(first.headers['content-security-policy']).toContain("script-src 'self'");
      expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(String(first.headers['set-cookie'])).toMatch(
        /^bp\.csrf=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/,
      );
      expect(first.text).toContain('Inscription');
      const again = await agent.get(path).set('Accept-Encoding', encoding);
      expect(again.headers['set-cookie']).toBeUndefined();
      const sent = await agent
        .post(path)
        .type('form')
        .send({ _csrf: csrfFrom(again.text), ...registrationForm() });
      expect(sent.status).toBe(303);
    }
  });
});
