import type { Request, RequestHandler, Response } from 'express';
import { streamCsv, streamXlsx } from '../lib/export';
import { parisToday } from '../lib/paris-time';
import { readInboxFilters } from './inbox.filters';
import { renderInbox } from './inbox.controller';
import { exportHeaders, exportRows, recordExport } from './export.service';
import { moderatorOf } from './moderator';

type Format = 'csv' | 'xlsx';

/** The filtered responses as a download, with the inbox's query string; logged in the journal. */
const exportAs =
  (format: Format): RequestHandler =>
  async (req: Request, res: Response) => {
    const { query, errors } = readInboxFilters(req.query);
    if (errors.length) return renderInbox(req, res, req.query);
    const moderator = moderatorOf(req);
    const filters = new URLSearchParams(req.originalUrl.split('?')[1] ?? '').toString();
    await recordExport(moderator, format, query, filters);
    const filename = `reponses-${parisToday(new Date())}.${format}`;
    const rows = exportRows(query, moderator.scope);
    if (format === 'csv') await streamCsv(res, filename, exportHeaders, rows);
    else await streamXlsx(res, filename, 'Réponses', exportHeaders, rows);
  };

// GET /moderation/export.csv and /moderation/export.xlsx
export const exportCsv = exportAs('csv');
export const exportXlsx = exportAs('xlsx');
