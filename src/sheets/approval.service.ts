import { Types } from 'mongoose';
import { hashToken } from '../lib/secret-token';
import { SheetModel } from './sheet.model';

/** The sheets made from this response that wait for its author (the resume page lists them). */
export async function sheetsAwaitingAuthor(responseId: Types.ObjectId) {
  return SheetModel.find(
    { 'origin.responseId': responseId, 'approval.state': 'demandee' },
    'title approval.requestedAt',
  ).lean();
}

/** A sheet made from that response only: another response's token finds nothing. */
export async function sheetOfResponse(responseId: Types.ObjectId, sheetId: string) {
  if (!Types.ObjectId.isValid(sheetId)) return null;
  return SheetModel.findOne({ _id: sheetId, 'origin.responseId': responseId }).lean();
}

/** The one sheet of an e-mailed approval link, while the link is the latest and not expired. */
export async function sheetOfApprovalLink(token: string) {
  if (!/^[\w-]{43}$/.test(token)) return null;
  return SheetModel.findOne({
    'approval.tokenHash': hashToken(token),
    'approval.tokenExpiresAt': { $gt: new Date() },
    'origin.kind': 'reponse',
  }).lean();
}
