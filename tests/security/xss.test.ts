import { saveNeed } from '../../src/meetings/registrations/accessibility-needs';
import mongoose from 'mongoose';
import request from 'supertest';
import { syncInboxRows } from '../../src/moderation/inbox-rows';
import { bumpContentVersion } from '../../src/lib/content-version';
import { MeetingModel } from '../../src/meetings/meeting.model';
import { meetingsChanged } from '../../src/meetings/meeting.version';
import { SheetModel } from '../../src/sheets/sheet.model';
import { allQuestions } from '../../src/questionnaire/questionnaire';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { RegistrationModel } from '../../src/meetings/registrations/registration.model';
import { textFields } from '../../src/sheets/sheet.fields';
import { UserModel } from '../../src/accounts/user.model';
import { buildTestApp, captureMailer } from '../helpers/app';
import { loginAs } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { backOfficeObjects, objectParams, valueParams, type Objects } from '../helpers/objects';
import { fillPath, routeTable } from '../helpers/routes';
import { parseCsv } from '../helpers/csv';

// The hostile corpus in every free-text field a person can fill (answers, sheets, meetings,
// registrations, accounts, notes), then every page, feed and export read: markup is escaped,
// formulas neutralised, calendar lines unbroken.

jest.setTimeout(180_000);
useTestDatabase();
const { app } = buildTestApp({}, { mailer: captureMailer() });

const corpus = [
  '<script>alert("x1")</script>',
  '"><img src=x onerror=alert("x2")>',
  '</textarea><svg onload=alert("x3")>',
  "'';!--\"<XSS>=&{()}",
  '=HYPERLINK("http://pirate.example","x4")',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  'javascript:alert("x5")',
  'Ligne\r\nATTENDEE:mailto:pirate@exemple.fr',
];
/** A payload for a field, picked so that every one appears somewhere. */
const payload = (i: number) => corpus[i % corpus.length];

/** What would run in a browser, or inject into a spreadsheet or a calendar, if left raw. */
const dangerous = [/<script>alert/i, /<img src=x onerror/i, /<svg onload/i, /<XSS>/];

let objects: Objects;
beforeAll(async () => {
  await clearDatabase();
  objects = await backOfficeObjects(app);
  let n = 0;
  const answers: Record<string, unknown> = {};
  for (const q of allQuestions)
    if (q.type === 'text' || q.type === 'textarea') answers[`answers.${q.id}`] = payload(n++);
  await ResponseModel.updateOne(
    { _id: objects.response },
    {
      $set: {
        ...answers,
        'summary.title': payload(0),
        'summary.structure': payload(1),
        'moderation.notes': [
          { at: new Date(), by: { name: payload(2), email: 'a@b.fr' }, text: payload(3) },
        ],
      },
    },
  );
  await syncInboxRows([new mongoose.Types.ObjectId(objects.response)]);
  const sheetText = Object.fromEntries(textFields.map((f, i) => [f.name, payload(i)]));
  await SheetModel.updateMany(
    {},
    {
      $set: {
        ...sheetText,
        status: 'publiee',
        keywords: [payload(4), payload(5)],
        'contact.name': payload(6),
        'photos.0.alt': payload(7),
        'meetingSelections.0.presenterName': payload(8),
        'meetingSelections.0.presenterStructure': payload(1),
      },
    },
  );
  await MeetingModel.updateMany(
    {},
    {
      $set: {
        title: payload(0),
        summary: payload(1),
        audience: payload(2),
        'venue.name': payload(3),
        'venue.city': payload(8),
        'programme.0.title': payload(4),
        'programme.0.note': payload(5),
        'programme.1.workshops.0.title': payload(6),
        'programme.1.workshops.0.description': payload(7),
        'contact.organisation': payload(8),
      },
    },
  );
  await meetingsChanged();
  await RegistrationModel.updateMany(
    {},
    {
      $set: {
        lastName: payload(0),
        firstName: payload(1),
        structure: payload(4),
        jobTitle: payload(5),
      },
    },
  );
  for (const r of await RegistrationModel.find({}, { meeting: 1 }).lean()) {
    await saveNeed(r._id, r.meeting, payload(2));
  }
  await UserModel.updateMany({}, { $set: { name: payload(1) } });
  await bumpContentVersion();
});

/** Every parameter filled with the objects holding the corpus. */
const filled = (pattern: string) =>
  fillPath(pattern, (before, name) => {
    const object = objectParams[`${before}/:${name}`];
    if (object) return object(objects);
    if (pattern.startsWith('/recueil/:slug')) return 'brouillon-francilien';
    return valueParams[`${before}/:${name}`] ?? (name === 'slug' ? objects.meeting : 'x');
  });

describe('the hostile corpus in every field', () => {
  it('when every page, feed and export is read by a visitor and by an admin, then no markup of the corpus is left raw', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const raw: string[] = [];
    let read = 0;
    // The pages where the corpus did arrive, escaped: proof that the test reads what it means to.
    const shown = new Set<string>();
    for (const route of routeTable(app).filter((r) => r.method === 'GET')) {
      const path = filled(route.path);
      for (const agent of [request(app), admin.agent]) {
        const res = await agent.get(path).buffer(true);
        if (res.status !== 200) continue;
        // Markup matters where a browser reads it as markup; CSV and calendars are data (below).
        const type = String(res.headers['content-type'] ?? '');
        if (!/html|xml/.test(type)) continue;
        read++;
        const body = res.text ?? String(res.body);
        for (const pattern of dangerous)
          if (pattern.test(body)) raw.push(`${path} (${type}): ${pattern}`);
        if (/&lt;script&gt;alert|&lt;XSS&gt;/.test(body)) shown.add(route.path);
      }
    }
    expect(read).toBeGreaterThan(40);
    expect(shown.size).toBeGreaterThan(15);
    expect(raw).toEqual([]);
  });

  it('when the exports hold the formulas of the corpus, then each cell is text in CSV and in XLSX', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const csvs = [
      '/moderation/export.csv',
      `/moderation/rencontres/${objects.meeting}/inscrits.csv`,
      '/api/v1/practices.csv',
    ];
    const neutralised: string[] = [];
    for (const path of csvs) {
      const res = await admin.agent.get(path).buffer(true);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const cells = parseCsv((res.text ?? String(res.body)).replace(/^\uFEFF/, '')).flat();
      const live = cells.filter((c) => /^[=+@]/.test(c) || /^-[^\d]/.test(c));
      expect({ path, live }).toEqual({ path, live: [] });
      neutralised.push(...cells.filter((c) => /^'[=+@]/.test(c)));
    }
    expect(neutralised.length).toBeGreaterThan(3);
    const { default: Excel } = await import('exceljs');
    for (const path of [
      '/moderation/export.xlsx',
      `/moderation/rencontres/${objects.meeting}/inscrits.xlsx`,
    ]) {
      const res = await admin.agent
        .get(path)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      const workbook = new Excel.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      const formulas: string[] = [];
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.type === Excel.ValueType.Formula) formulas.push(String(cell.address));
          }),
        ),
      );
      expect({ path, formulas }).toEqual({ path, formulas: [] });
    }
  });

  it('when the meeting’s calendar file holds a line break of the corpus, then it stays inside its property', async () => {
    const ics = await request(app).get(`/rencontres/${objects.ownMeeting}.ics`);
    expect(ics.status).toBe(200);
    const lines = ics.text.split('\r\n');
    expect(lines.filter((l) => l.startsWith('ATTENDEE'))).toEqual([]);
  });
});
