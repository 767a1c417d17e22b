import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A worker thread running `<dir>/<name>` of the same build as the caller: plain JavaScript once
 * compiled, TypeScript through tsx from the sources (tests, `npm run dev`).
 */
export function startWorker(
  dir: string,
  name: string,
  options: { resourceLimits?: ResourceLimits; workerData?: unknown } = {},
): Worker {
  const extension = path.extname(__filename);
  const file = path.join(dir, `${name}${extension}`);
  if (extension === '.js') return new Worker(file, options);
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`;
  return new Worker(code, { ...options, eval: true });
}
