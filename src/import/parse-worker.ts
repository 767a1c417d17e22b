// Reads an import file in a worker thread (started by import.read.ts): a hostile file may take
// memory and time to parse, and the worker's heap is capped while pages go on being served.
import { parentPort } from 'node:worker_threads';
import { ImportFileError, parseFile } from './import.parse';

export type ParseReply = { rows: Awaited<ReturnType<typeof parseFile>> } | { refused: string };

parentPort!.once('message', async ({ filename, buffer }: { filename: string; buffer: Buffer }) => {
  try {
    const rows = await parseFile(filename, Buffer.from(buffer));
    parentPort!.postMessage({ rows } satisfies ParseReply);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    parentPort!.postMessage({ refused: error.message } satisfies ParseReply);
  }
});
