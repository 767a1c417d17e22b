import { deleteFile } from '../lib/files/attachment-store';
import { responsesWritten } from './response-events';
import { ResponseModel, type SurveyResponse } from './response.model';

/** Deletes a response for good with its files; the inbox follows. Returns the files deleted. */
export async function deleteResponse(
  r: Pick<SurveyResponse, '_id' | 'attachments'>,
): Promise<number> {
  for (const a of r.attachments) await deleteFile(a.fileId);
  await ResponseModel.deleteOne({ _id: r._id });
  await responsesWritten([r._id]);
  return r.attachments.length;
}
