import mongoose from 'mongoose';
import request from 'supertest';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { buildTestApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/db';
import { csrfFrom } from '../helpers/respondent';

useTestDatabase();

describe('rate limits under concurrency', () => {
  it('when 40 drafts are started at once from one address, then exactly the 10 allowed are created and 30 get 429', async () => {
    const { app } = buildTestApp();
    // 40 visitors each open the intro page, then all press « Commencer » at the same moment.
    const visitors = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const agent = request.agent(app);
        const intro = await agent.get('/questionnaire');
        return { agent, csrf: csrfFrom(intro.text) };
      }),
    );
    const results = await Promise.all(
      visitors.map(({ agent, csrf }) =>
        agent.post('/questionnaire/commencer').type('form').send({ _csrf: csrf }),
      ),
    );

    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(10).fill(303), ...Array(30).fill(429)]);
    expect(await ResponseModel.countDocuments()).toBe(10);
    const counters = await mongoose.connection
      .collection<{ _id: string; hits: number }>('rate_limits')
      .find({ _id: /^brouillons:/ })
      .toArray();
    expect(counters.map((c) => c.hits)).toEqual([40]);
  });
});
