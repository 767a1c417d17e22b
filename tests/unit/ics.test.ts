import { escapeText, fold, icsCalendar } from '../../src/meetings/ics';
import { programmeOverlaps } from '../../src/meetings/meeting.rules';

describe('iCalendar file', () => {
  it('when a line is long and full of accents, then it is folded at 75 octets without cutting a character', () => {
    const line = `SUMMARY:${'Rencontre régionale – “clause sociale” à Orléans ✓ '.repeat(6)}`;
    const folded = fold(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) {
      expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
      expect(Buffer.from(l).toString()).not.toContain('\ufffd');
    }
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('when text has commas, semicolons, backslashes and new lines, then they are escaped', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('when a calendar is built, then it has one event in Paris time and ends with CRLF', () => {
    const ics = icsCalendar({
      uid: 'x@exemple.fr',
      day: '2023-03-14',
      start: '09:30',
      end: '16:00',
      summary: 'Titre',
      description: 'Texte',
      location: 'Lieu',
      url: 'https://exemple.fr/rencontres/x',
      stamp: new Date('2023-01-01T10:00:00Z'),
    });
    expect(ics).toContain('\r\nDTSTAMP:20230101T100000Z\r\n');
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Paris:20230314T093000\r\n');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});

describe('programme overlaps', () => {
  it('when slots touch end to start, then they do not overlap; when they cross, they do', () => {
    const slots = [
      { start: '10:15', end: '10:30' },
      { start: '10:30', end: '11:30' },
      { start: '11:00', end: '12:25' },
      { start: '12:25', end: '12:30' },
    ];
    expect(programmeOverlaps(slots)).toEqual([{ first: 1, second: 2 }]);
  });
});
