// Generated sent responses for the benches: realistic answers, a searchable word in each title,
// statuses cycling through the moderation statuses (the first `received` all « reçue »).
import { exampleAnswers, responseDocument } from '../../src/seeding/demo-responses';
import { moderationStatuses } from '../../src/moderation/statuses';
import { ResponseModel } from '../../src/questionnaire/response.model';

const words = ['chantier', 'quartier', 'insertion', 'emploi', 'habitants', 'marché', 'école'];

/** Inserts `count` sent responses, 500 per command; returns nothing (read them back by reference). */
export async function insertResponses(count: number, received = 0): Promise<void> {
  for (let start = 0; start < count; start += 500) {
    const docs = Array.from({ length: Math.min(500, count - start) }, (_, k) => {
      const i = start + k;
      const answers = exampleAnswers(i);
      answers.titrePratique = `${String(answers.titrePratique)} ${words[i % words.length]} ${i}`;
      return responseDocument({
        answers,
        reference: `BP-2099-${String(i + 1).padStart(5, '0')}`,
        submittedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        status: i < received ? 'recue' : moderationStatuses[i % moderationStatuses.length],
        fictitious: true,
      });
    });
    await ResponseModel.insertMany(docs);
  }
}
