import { textBlocks } from '../../src/lib/text-blocks';
import { formatMonth } from '../../src/lib/paris-time';

describe('typed text as paragraphs and lists', () => {
  it('when a text mixes paragraphs, bullets and numbers with any line breaks, then each becomes its block', () => {
    const typed = 'Intro\r\nsuite\r\n\r\n• un\r- deux\n1) premier\n2. second\n\n\nFin';
    expect(textBlocks(typed)).toEqual([
      { kind: 'paragraph', lines: ['Intro', 'suite'] },
      { kind: 'bullets', items: ['un', 'deux'] },
      { kind: 'numbered', items: ['premier', 'second'] },
      { kind: 'paragraph', lines: ['Fin'] },
    ]);
  });

  it('when a line only looks like a list (a year, a hyphenated word), then it stays text', () => {
    expect(textBlocks('2021. Une année\n-pas une puce')).toEqual([
      { kind: 'paragraph', lines: ['2021. Une année', '-pas une puce'] },
    ]);
    expect(textBlocks(undefined)).toEqual([]);
  });

  it('when a stored month is shown, then it reads in French', () => {
    expect(formatMonth('2021-03')).toBe('mars 2021');
    expect(formatMonth('2022-12')).toBe('décembre 2022');
    expect(formatMonth('2021')).toBe('2021');
  });
});
