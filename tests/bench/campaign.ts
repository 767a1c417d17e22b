// A campaign's data for the benches, inserted straight into the database: published sheets (some
// selected for meetings' workshops), upcoming meetings with confirmed registrations, and sent
// responses. Returns what the benches address.
import mongoose from 'mongoose';
import { bumpContentVersion } from '../../src/lib/content-version';
import { MeetingModel } from '../../src/meetings/meeting.model';
import { RegistrationModel } from '../../src/meetings/registrations/registration.model';
import { seedDatabase } from '../../src/seeding/seed.service';
import { SheetModel } from '../../src/sheets/sheet.model';
import { generateSheets } from './generate';
import { generateMeetings, generateRegistrations, selectFor } from './generate-meetings';
import { insertResponses } from './generate-responses';

export interface CampaignSize {
  sheets: number;
  meetings: number;
  registrationsEach: number;
  responses: number;
  /** Sheets left as drafts, and responses left « reçue », for the writes to act on. */
  drafts?: number;
}

/** Empties the database, runs the demo seed, then inserts a campaign of that size. */
export async function populateCampaign(size: CampaignSize) {
  await mongoose.connection.db!.dropDatabase();
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-de-bench' });
  const sheets = generateSheets(size.sheets);
  if (size.drafts) for (const sheet of sheets.slice(-size.drafts)) sheet.status = 'brouillon';
  const meetings = generateMeetings(size.meetings, size.registrationsEach);
  selectFor(sheets, meetings);
  await MeetingModel.insertMany(meetings, { lean: true });
  const registrations = generateRegistrations(meetings, size.registrationsEach);
  for (let i = 0; i < registrations.length; i += 500)
    await RegistrationModel.insertMany(registrations.slice(i, i + 500), { lean: true });
  const started = performance.now();
  const step = (what: string) =>
    console.log(`  ${what} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  step('meetings and registrations inserted');
  for (let i = 0; i < sheets.length; i += 500)
    await SheetModel.insertMany(sheets.slice(i, i + 500), { lean: true });
  step('sheets inserted');
  await insertResponses(size.responses, size.drafts ?? 0);
  step('responses inserted');
  await bumpContentVersion();
  return { sheets, meetings, registrations };
}
