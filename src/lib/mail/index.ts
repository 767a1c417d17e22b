import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import { dataPath } from '../paths';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent with the message (an .ics invitation…). */
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

export interface Mailer {
  /** 'smtp' in real deployments, 'outbox' (.eml files) in development. */
  kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
}

export function outboxDir(config: Config): string {
  return dataPath(config.dataDir, 'outbox');
}

/** SMTP when SMTP_URL is set; otherwise each message is written to data/outbox/ as an .eml file. */
export function createMailer(config: Config): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      kind: 'smtp',
      async send(message) {
        await transport.sendMail({ from: config.mailFrom, ...message });
      },
    };
  }
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  const dir = outboxDir(config);
  return {
    kind: 'outbox',
    async send(message) {
      const info = await transport.sendMail({ from: config.mailFrom, ...message });
      await fs.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
      await fs.writeFile(path.join(dir, name), info.message as Buffer);
    },
  };
}

export interface OutboxEntry {
  file: string;
  to: string;
  subject: string;
  date: string;
  text: string;
}

/** Messages in the development outbox, newest first (for the development-only page). */
export async function readOutbox(config: Config): Promise<OutboxEntry[]> {
  const dir = outboxDir(config);
  const files = (await fs.readdir(dir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .reverse();
  return Promise.all(
    files.slice(0, 50).map(async (file) => {
      const raw = await fs.readFile(path.join(dir, file), 'utf8');
      // Long headers are folded over several lines: unfold the header block before reading it.
      const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1] ?? '';
      return {
        file,
        to: header('To'),
        subject: decodeHeader(header('Subject')),
        date: header('Date'),
        text: raw,
      };
    }),
  );
}

/** Decodes RFC 2047 encoded-words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) in a header. */
function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}
