import { definitionProblems } from '../../src/questionnaire/definition.check';
import { questionnaire } from '../../src/questionnaire/definition';
import type { Question, QuestionnaireDefinition } from '../../src/questionnaire/definition.types';

/** A copy of the real definition with one question changed (found by id). */
function withQuestion(id: string, change: Partial<Question>): QuestionnaireDefinition {
  return {
    ...questionnaire,
    sections: questionnaire.sections.map((s) => ({
      ...s,
      questions: s.questions.map((q) => (q.id === id ? { ...q, ...change } : q)),
    })),
  };
}

describe('the questionnaire definition', () => {
  it('when it is checked, then ids are unique and every reference points to a compatible question', () => {
    expect(definitionProblems(questionnaire)).toEqual([]);
  });

  it.each<[string, QuestionnaireDefinition, RegExp]>([
    [
      'a showIf target with a typo',
      withQuestion('roleRepondantPrecision', {
        showIf: { questionId: 'roleRepondnt', equals: 'autre' },
      }),
      /roleRepondantPrecision.*showIf.*roleRepondnt.*n’existe pas/,
    ],
    [
      'a showIf value no option has',
      withQuestion('roleRepondantPrecision', {
        showIf: { questionId: 'roleRepondant', equals: 'autres' },
      }),
      /roleRepondantPrecision.*« autres ».*jamais/,
    ],
    [
      'a showIf target that is not a choice',
      withQuestion('roleRepondantPrecision', {
        showIf: { questionId: 'nomRepondant', equals: 'autre' },
      }),
      /roleRepondantPrecision.*nomRepondant.*type text/,
    ],
    [
      'a showIf target on another page',
      withQuestion('roleRepondantPrecision', {
        showIf: { questionId: 'projetNpnru', equals: 'oui' },
      }),
      /roleRepondantPrecision.*projetNpnru.*même étape/,
    ],
    [
      'a yes/no condition on a value other than oui or non',
      withQuestion('nomProjetNpnru', { showIf: { questionId: 'projetNpnru', equals: 'yes' } }),
      /nomProjetNpnru.*« yes ».*jamais/,
    ],
    [
      'a question shown only after itself',
      withQuestion('roleRepondant', {
        showIf: { questionId: 'roleRepondantPrecision', equals: 'x' },
      }),
      /roleRepondant\b.*avant/,
    ],
    [
      'a duplicate id',
      withQuestion('roleRepondantPrecision', { id: 'nomRepondant' }),
      /nomRepondant.*en double/,
    ],
    [
      'a notBefore pointing to a missing question',
      withQuestion('dateFin', { notBefore: 'dateDebutt' }),
      /dateFin.*notBefore.*dateDebutt/,
    ],
    [
      'a notGreaterThan pointing to a text question',
      withQuestion('participantesFemmes', { notGreaterThan: 'facteursReussite' }),
      /participantesFemmes.*notGreaterThan.*facteursReussite/,
    ],
    [
      'a choice question without options',
      withQuestion('roleRepondant', { options: [] }),
      /roleRepondant.*options/,
    ],
  ])('when it has %s, then the check names the problem', (_name, definition, message) => {
    const problems = definitionProblems(definition);
    expect(problems.some((p) => message.test(p))).toBe(true);
  });
});
