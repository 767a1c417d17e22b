import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { binary } from './csv';

/** Text lines of each page, read back by pdfjs-dist (in its own process: it is ESM-only). */
export async function pdfPages(
  app: Express,
  url: string,
): Promise<{ pages: string[][]; etag: string; bytes: Buffer }> {
  const res = await request(app).get(url).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-')), 'f.pdf');
  fs.writeFileSync(file, res.body as Buffer);
  const out = execFileSync(process.execPath, [path.join(__dirname, 'pdf-text.mjs'), file]);
  return {
    pages: JSON.parse(out.toString()) as string[][],
    etag: res.headers.etag,
    bytes: res.body as Buffer,
  };
}
