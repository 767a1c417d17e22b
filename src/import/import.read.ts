import { startWorker } from '../lib/worker';
import { ImportFileError, type RawRow } from './import.parse';
import type { ParseReply } from './parse-worker';

/** The worker's heap and time: far above a real file of 2,000 rows, far below a stall. */
const maxHeapMb = 160;
const maxSeconds = 30;

const tooLarge = () =>
  new ImportFileError(
    'Ce fichier est trop volumineux ou trop complexe pour être lu : importez au plus 2000 lignes, en plusieurs fichiers si besoin.',
  );

/**
 * The rows of an import file, parsed in a worker thread of its own: the main thread keeps
 * serving pages, and a file that needs more memory or time than a real one is refused in French.
 */
export function readImportFile(filename: string, buffer: Buffer): Promise<RawRow[]> {
  const worker = startWorker(__dirname, 'parse-worker', {
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });
  return new Promise<RawRow[]>((resolve, reject) => {
    const deadline = setTimeout(() => {
      reject(tooLarge());
      void worker.terminate();
    }, maxSeconds * 1000);
    const settle = (done: () => void) => {
      clearTimeout(deadline);
      done();
      void worker.terminate();
    };
    worker.once('message', (reply: ParseReply) =>
      settle(() =>
        'rows' in reply ? resolve(reply.rows) : reject(new ImportFileError(reply.refused)),
      ),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge() : error)),
    );
    worker.once('exit', () => settle(() => reject(tooLarge())));
    worker.postMessage({ filename, buffer });
  });
}
