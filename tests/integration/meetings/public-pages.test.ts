import { bumpContentVersion } from '../../../src/lib/content-version';
import request from 'supertest';
import { MeetingModel } from '../../../src/meetings/meeting.model';
import { meetingsChanged } from '../../../src/meetings/meeting.version';
import { SheetModel } from '../../../src/sheets/sheet.model';
import { seedDatabase } from '../../../src/seeding/seed.service';
import { buildTestApp } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';

useTestDatabase();
const { app } = buildTestApp({ BASE_URL: 'https://clause.example.fr' });
const cvl = 'centre-val-de-loire-2022';
const example = 'exemple-rencontre-fictive';

beforeAll(async () => {
  await clearDatabase();
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-rencontres' });
});

function practice(
  slug: string,
  workshop: string,
  position: number,
  status: 'publiee' | 'brouillon' = 'publiee',
) {
  return {
    slug,
    title: `Pratique ${slug}`,
    summary: 'Une pratique présentée en atelier lors de la rencontre.',
    structureName: `Structure ${slug}`,
    actorType: 'facilitateur',
    region: '24',
    department: '45',
    status,
    meetingSelections: [{ meeting: cvl, workshop, position }],
  };
}

describe('public meeting pages', () => {
  it('when /rencontres is read, then upcoming and past meetings are listed with a map, and no cookie is set', async () => {
    const res = await request(app).get('/rencontres');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const [upcoming, past] = res.text.split('Rencontres passées');
    expect(upcoming).toContain(`/rencontres/${example}`);
    expect(past).toContain(`/rencontres/${cvl}`);
    expect(res.text).toContain('<svg class="region-map__svg"');
    expect(res.text).toMatch(/aria-label="CVL – Centre-Val de Loire : Rencontre régionale/);
  });

  it('when the past Centre-Val de Loire meeting is read, then its programme with kinds, workshops, closed registration and the documents section are shown', async () => {
    const res = await request(app).get(`/rencontres/${cvl}`);
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    for (const text of [
      '4<sup>e</sup> étape',
      'Centre-Val de Loire',
      'Lab&#39;O, 1 avenue du Champs de Mars, 45100 Orléans',
      '10h30 – 11h30',
      'Table ronde',
      'Questions / réponses',
      'Atelier A : Diversifier les marchés',
      'Inscriptions closes',
      '<h2>Documents</h2>',
      'ave@ville-emploi.asso.fr',
      `/rencontres/${cvl}.ics`,
    ]) {
      expect(res.text).toContain(text);
    }
    expect(res.text).not.toContain('S’inscrire');
  });

  it('when practices are selected for workshops, then published ones are listed per workshop in position order, linking the compendium', async () => {
    await SheetModel.create([
      practice('deuxieme', 'B', 2),
      practice('premiere', 'B', 1),
      practice('brouillon-cache', 'B', 0, 'brouillon'),
      practice('atelier-a', 'A', 0),
    ]);
    // Written behind the app's back: announced as a publication would be.
    await bumpContentVersion();
    const res = await request(app).get(`/rencontres/${cvl}`);
    const workshopB = res.text.split('Atelier B :')[1].split('Atelier C :')[0];
    expect(workshopB.indexOf('/recueil/premiere')).toBeGreaterThan(-1);
    expect(workshopB.indexOf('/recueil/premiere')).toBeLessThan(
      workshopB.indexOf('/recueil/deuxieme'),
    );
    expect(res.text).not.toContain('brouillon-cache');
    expect(res.text.split('Atelier A :')[1].split('Atelier B :')[0]).toContain(
      '/recueil/atelier-a',
    );
  });

  it('when the example meeting is read, then it is marked fictitious, open, with remaining places per workshop', async () => {
    const res = await request(app).get(`/rencontres/${example}`);
    expect(res.text).toContain('Exemple fictif');
    expect(res.text).toContain(`href="/rencontres/${example}/inscription"`);
    expect(res.text).toContain('Places restantes : 12');
    expect(res.text.match(/4 places restantes/g)).toHaveLength(3);
  });

  it('when the .ics is downloaded, then it is RFC 5545: CRLF, folded lines, UID, DTSTAMP, Europe/Paris VTIMEZONE, venue', async () => {
    const res = await request(app).get(`/rencontres/${cvl}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const body = res.text;
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = body.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = body.replace(/\r\n /g, '');
    expect(unfolded).toContain(`UID:rencontre-${cvl}@clause.example.fr`);
    expect(unfolded).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(unfolded).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
    expect(unfolded).toContain('DTSTART;TZID=Europe/Paris:20221020T093000');
    expect(unfolded).toContain('DTEND;TZID=Europe/Paris:20221020T160000');
    expect(unfolded).toContain("LOCATION:Lab'O\\, 1 avenue du Champs de Mars\\, 45100 Orléans");
    expect(unfolded).toContain(`URL:https://clause.example.fr/rencontres/${cvl}`);
  });

  it('when a meeting is not published, then its pages are 404', async () => {
    await MeetingModel.updateOne({ slug: example }, { $set: { published: false } });
    await meetingsChanged();
    expect((await request(app).get(`/rencontres/${example}`)).status).toBe(404);
    expect((await request(app).get(`/rencontres/${example}.ics`)).status).toBe(404);
    expect((await request(app).get(`/rencontres/${example}/inscription`)).status).toBe(404);
    expect((await request(app).get('/rencontres')).text).not.toContain(example);
    await MeetingModel.updateOne({ slug: example }, { $set: { published: true } });
    await meetingsChanged();
  });

  it('when seeding for production, then the example meeting is not loaded', async () => {
    await clearDatabase();
    await seedDatabase(
      { email: 'admin@exemple.fr', password: 'mot-de-passe-rencontres' },
      { production: true },
    );
    expect(await MeetingModel.exists({ example: true })).toBeNull();
    expect(await MeetingModel.exists({ slug: cvl })).not.toBeNull();
  });
});
