import { Types } from 'mongoose';
import { ResponseModel, type Attachment } from '../../src/questionnaire/response.model';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { contract } from './contract';

/**
 * The exact update shapes attachments.service.ts sends, with their results on the database in
 * use (FerretDB 1.24 or MongoDB): the code relies on each of them, and on the traps noted here.
 */
useTestDatabase();
afterEach(clearDatabase);

const file = (filename: string): Attachment => ({
  fileId: new Types.ObjectId(),
  filename,
  contentType: 'application/pdf',
  size: 10,
  image: false,
  uploadedAt: new Date(),
});

async function responseWith(names: string[]) {
  const created = await ResponseModel.create({
    tokenHash: new Types.ObjectId().toHexString(),
    definitionVersion: 1,
    attachments: names.map(file),
  });
  const read = async () => (await ResponseModel.findById(created._id).lean())!;
  return { id: created._id, read, initial: await read() };
}

contract(
  'findOneAndUpdate {_id, "a.N": {$exists: false}, "a.M.f": value} $push {$each} returnDocument after',
  () => {
    it('when files are pushed on the condition that the list is unchanged, then a changed list refuses the push', async () => {
      const { id, read, initial } = await responseWith(['a', 'b']);
      const unchanged = {
        _id: id,
        'attachments.2': { $exists: false },
        'attachments.1.fileId': initial.attachments[1].fileId,
      };
      const first = await ResponseModel.findOneAndUpdate(
        unchanged,
        {
          $push: {
            attachments: { $each: [file('c')] },
            revisions: { at: new Date(), by: 'x', section: 's', changes: [] },
          },
        },
        { returnDocument: 'after' },
      ).lean();
      expect(first!.attachments.map((a) => a.filename)).toEqual(['a', 'b', 'c']);
      expect(first!.revisions).toHaveLength(1);
      const second = await ResponseModel.findOneAndUpdate(unchanged, {
        $push: { attachments: { $each: [file('d')] } },
      }).lean();
      expect(second).toBeNull();
      expect((await read()).attachments.map((a) => a.filename)).toEqual(['a', 'b', 'c']);
    });
  },
);

contract('updateOne {_id, "a.N.f": value} $set/$unset {"a.N.g"}', () => {
  it('when captions are set and unset by position on the condition of the file there, then only a matching position is changed', async () => {
    const { id, read, initial } = await responseWith(['a', 'b']);
    const [a, b] = initial.attachments;
    await ResponseModel.updateOne(
      { _id: id, 'attachments.0.fileId': a.fileId, 'attachments.1.fileId': b.fileId },
      { $set: { 'attachments.0.caption': 'A', 'attachments.1.caption': 'B' } },
    );
    const moved = await ResponseModel.updateOne(
      { _id: id, 'attachments.0.fileId': b.fileId },
      { $set: { 'attachments.0.caption': 'faux' } },
    );
    expect(moved.matchedCount).toBe(0);
    await ResponseModel.updateOne(
      { _id: id, 'attachments.1.fileId': b.fileId },
      { $unset: { 'attachments.1.caption': '' } },
    );
    expect((await read()).attachments.map((x) => [x.filename, x.caption])).toEqual([
      ['a', 'A'],
      ['b', undefined],
    ]);
  });
});

contract('updateOne {_id, "a.N": element} $pull {a: element}', () => {
  it('when an element is pulled by its exact stored value, then it goes only if unchanged at its position', async () => {
    const { id, read } = await responseWith(['a', 'b', 'c']);
    await ResponseModel.updateOne({ _id: id }, { $set: { 'attachments.1.caption': 'B' } });
    const stored = (await read()).attachments[1];
    // A copy read before the caption changed no longer matches.
    const stale = { ...stored, caption: 'ancienne' };
    const refused = await ResponseModel.collection.updateOne({ _id: id, 'attachments.1': stale }, {
      $pull: { attachments: stale },
    } as never);
    expect(refused.modifiedCount).toBe(0);
    const pulled = await ResponseModel.collection.updateOne({ _id: id, 'attachments.1': stored }, {
      $pull: { attachments: stored },
      $push: { revisions: { section: 's', changes: [] } },
    } as never);
    expect(pulled.modifiedCount).toBe(1);
    const after = await read();
    expect(after.attachments.map((x) => x.filename)).toEqual(['a', 'c']);
    expect(after.revisions).toHaveLength(1);
  });
});

describe('array updates FerretDB 1.24 gets wrong', () => {
  it('when FerretDB’s traps are met, then they are the ones the code avoids', async () => {
    const { id, read, initial } = await responseWith(['a', 'b']);
    // $pull by condition does nothing on FerretDB 1.24 (MongoDB removes): the code pulls exact values.
    const ferretdb = process.env.TEST_DB_SOURCE === 'FerretDB';
    await ResponseModel.updateOne({ _id: id }, { $pull: { attachments: { filename: 'a' } } });
    expect((await read()).attachments).toHaveLength(ferretdb ? 2 : 1);
    // The positional operator `$` is refused by FerretDB 1.24: the code addresses positions by index.
    const positional = ResponseModel.collection.updateOne(
      { _id: id, 'attachments.fileId': initial.attachments[0].fileId },
      { $set: { 'attachments.$.caption': 'x' } },
    );
    if (ferretdb) await expect(positional).rejects.toThrow();
    else await positional;
  });
});
