import mongoose from 'mongoose';
import { hashToken, newToken } from '../../../src/lib/secret-token';
import {
  listAttendees,
  meetingCounts,
} from '../../../src/meetings/registrations/admin/attendees.service';
import { RegistrationModel } from '../../../src/meetings/registrations/registration.model';
import { findByToken } from '../../../src/meetings/registrations/registration.service';
import { MeetingModel } from '../../../src/meetings/meeting.model';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { createMeeting } from '../../helpers/meetings';

useTestDatabase();
beforeEach(clearDatabase);

const person = (meeting: string, i: number, more: Record<string, unknown> = {}) => ({
  meeting,
  email: `personne-${i}@exemple.fr`,
  lastName: `Nom${i}`,
  firstName: `Prénom${i}`,
  structure: 'Structure',
  structureType: 'commune',
  jobTitle: 'Chargée de mission',
  department: '45',
  workshop: 'A',
  lunch: i % 2 === 0,
  status: 'confirmee',
  tokenHash: hashToken(`jeton-${i}`),
  ...more,
});

describe('registrations read from the registration index', () => {
  it('when registrations are written, checked in and cancelled, then lists and counts agree with a count made in the database', async () => {
    const slug = await createMeeting({ slug: 'rencontre-index' });
    await RegistrationModel.insertMany([0, 1, 2, 3].map((i) => person(slug, i)));
    const [first, second] = await RegistrationModel.find({ meeting: slug }).sort({ email: 1 });
    await RegistrationModel.updateOne({ _id: first._id }, { $set: { present: true } });
    await RegistrationModel.findOneAndUpdate({ _id: second._id }, { $set: { status: 'annulee' } });

    const listed = await listAttendees(slug, { statut: 'confirmee' });
    const stored = await RegistrationModel.find({ meeting: slug, status: 'confirmee' }).lean();
    expect(listed.map((r) => r.email).sort()).toEqual(stored.map((r) => r.email).sort());
    expect(listed.find((r) => r.id === String(first._id))?.present).toBe(true);
    const meeting = (await MeetingModel.findOne({ slug }).lean())!;
    const counts = await meetingCounts(meeting);
    expect(counts.confirmed).toBe(3);
    expect(counts.present).toBe(1);
    expect(counts.lunch).toBe(stored.filter((r) => r.lunch).length);
  });

  it('when a registration was made by another process a moment ago, then its personal link opens, and a foreign token does not', async () => {
    const slug = await createMeeting({ slug: 'rencontre-ailleurs' });
    expect(await listAttendees(slug, {})).toEqual([]);
    const token = newToken();
    // Written by another process (its model's hook moves the version): this process's index,
    // read less than 2 s ago, does not hold it yet.
    const other = mongoose.connection.getClient().db(mongoose.connection.db!.databaseName);
    await other
      .collection('registrations')
      .insertOne({ ...person(slug, 9), tokenHash: hashToken(token) });
    await other
      .collection<{ _id: string; seq: number }>('counters')
      .updateOne({ _id: 'registrations-version' }, { $inc: { seq: 1 } }, { upsert: true });
    expect((await findByToken(slug, token))?.email).toBe('personne-9@exemple.fr');
    expect(await findByToken('autre-rencontre', token)).toBeNull();
    expect(await findByToken(slug, newToken())).toBeNull();
  });
});
