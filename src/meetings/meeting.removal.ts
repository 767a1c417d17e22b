import { Types } from 'mongoose';
import { deleteFile } from '../lib/files/attachment-store';
import { sheetIndex, updateSheetsOneByOne } from '../sheets';
import { MeetingModel } from './meeting.model';
import { allMeetings, meetingsChanged } from './meeting.version';
import { eraseNeed } from './registrations/accessibility-needs';
import { registrationsOf } from './registrations/registration-index';
import { RegistrationModel } from './registrations/registration.model';

/** The example meetings (seeded to try registration) and how many registrations each holds. */
export async function exampleMeetings() {
  const examples = [...(await allMeetings()).values()].filter((m) => m.example);
  return Promise.all(
    examples.map(async (m) => ({ meeting: m, registrations: await registrationsOf(m.slug) })),
  );
}

/**
 * Deletes the example meetings for good: their registrations (and accessibility needs), their
 * documents, and the selections of sheets into their workshops; every write by `_id`. Returns
 * how many meetings and registrations went.
 */
export async function removeExampleMeetings() {
  const examples = await exampleMeetings();
  let registrations = 0;
  for (const { meeting, registrations: held } of examples) {
    for (const r of held) {
      const id = new Types.ObjectId(r._id);
      await eraseNeed(id);
      await RegistrationModel.deleteOne({ _id: id });
    }
    registrations += held.length;
    for (const d of meeting.documents ?? []) await deleteFile(new Types.ObjectId(String(d.fileId)));
    // Each selection pulled as it is stored: FerretDB 1.24 pulls exact elements only.
    for (const sheet of (await sheetIndex()).values()) {
      for (const selection of sheet.meetingSelections.filter((x) => x.meeting === meeting.slug)) {
        await updateSheetsOneByOne([new Types.ObjectId(sheet._id)], {
          $pull: { meetingSelections: selection },
        });
      }
    }
    await MeetingModel.deleteOne({ _id: meeting._id });
  }
  if (examples.length) await meetingsChanged();
  return { meetings: examples.length, registrations };
}
