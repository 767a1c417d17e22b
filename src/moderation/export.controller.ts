import type { Request, RequestHandler, Response } from 'express';
import { record } from '../audit';
import { streamCsv, streamXlsx } from '../lib/export';
import { readInboxFilters } from './inbox.filters';
import { renderInbox } from './inbox.controller';
import { countExported, exportHeaders, exportRows } from './export.service';
import { moderatorOf } from './moderator';

type Format = 'csv' | 'xlsx';

/** The filtered responses as a download, with the inbox's query string; logged in the journal. */
const exportAs =
  (format: Format): RequestHandler =>
  async (req: Request, res: Response) => {
    const { query, errors } = readInboxFilters(req.query);
    if (errors.length) return renderInbox(req, res, req.query);
    const moderator = moderatorOf(req);
    const count = await countExported(query, moderator.scope);
    await record({
      actor: moderator,
      action: 'responses.exported',
      details: {
        format,
        count,
        filters: new URLSearchParams(req.originalUrl.split('?')[1] ?? '').toString(),
      },
      ip: moderator.ip,
    });
    const filename = `reponses-${new Date().toISOString().slice(0, 10)}.${format}`;
    const rows = exportRows(query, moderator.scope);
    if (format === 'csv') await streamCsv(res, filename, exportHeaders, rows);
    else await streamXlsx(res, filename, 'Réponses', exportHeaders, rows);
  };

// GET /moderation/export.csv and /moderation/export.xlsx
export const exportCsv = exportAs('csv');
export const exportXlsx = exportAs('xlsx');
