import type { Worker } from 'node:worker_threads';
import { startWorker } from '../lib/worker';

/** A published sheet's text as the search index reads it, one string per weighted field. */
export interface IndexedDoc {
  id: string;
  title: string;
  summary: string;
  body: string;
  place: string;
  tags: string;
}

/** A sheet that matches a query, best first, with the index terms that matched it. */
export interface SearchHit {
  id: string;
  terms: string[];
}

/**
 * What a query found. When it found nothing as typed: `corrected` is the query with one typo per
 * word put right, whose hits these are; or `suggestion` a query two edits a word away that would
 * find sheets (no hits then).
 */
export interface SearchResult {
  hits: SearchHit[];
  corrected?: string;
  suggestion?: string;
}

type Request =
  { type: 'build'; generation: number; docs: IndexedDoc[] } | { type: 'search'; q: string };
export type SearchRequest = Request & { id: number };
export type SearchReply =
  ({ id: number } & SearchResult) | { id: number; error: string } | { id: number; absent: true };

/** The worker stopped, or a new one has no index yet: the set must be loaded again. */
export class SearchIndexGone extends Error {
  constructor() {
    super('index de recherche absent');
  }
}

/** The worker thread that holds the index (search-worker.ts). */
function startSearchWorker(): Worker {
  // A small young generation: building the index then keeps fewer megabytes resident (about
  // 70 MB instead of 100 MB at 5,000 sheets, measured), and builds no slower.
  return startWorker(__dirname, 'search-worker', {
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
}

interface Running {
  worker: Worker;
  waiting: Map<number, { resolve: (result: SearchResult) => void; reject: (e: Error) => void }>;
}
let running: Running | undefined;
let lastId = 0;

function start(): Running {
  const self: Running = { worker: startSearchWorker(), waiting: new Map() };
  const fail = (error: Error) => {
    if (running === self) running = undefined;
    for (const call of self.waiting.values()) call.reject(error);
    self.waiting.clear();
  };
  self.worker.on('message', (reply: SearchReply) => {
    const call = self.waiting.get(reply.id);
    self.waiting.delete(reply.id);
    // Idle, the worker does not keep the process alive.
    if (self.waiting.size === 0) self.worker.unref();
    if ('hits' in reply) {
      const { hits, corrected, suggestion } = reply;
      call?.resolve({ hits, ...(corrected && { corrected }), ...(suggestion && { suggestion }) });
    } else call?.reject('absent' in reply ? new SearchIndexGone() : new Error(reply.error));
  });
  self.worker.on('error', () => fail(new SearchIndexGone()));
  self.worker.on('exit', () => fail(new SearchIndexGone()));
  return self;
}

function ask(request: Request): Promise<SearchResult> {
  running ??= start();
  const { worker, waiting } = running;
  const id = ++lastId;
  const reply = new Promise<SearchResult>((resolve, reject) =>
    waiting.set(id, { resolve, reject }),
  );
  worker.ref();
  worker.postMessage({ ...request, id } satisfies SearchRequest);
  return reply;
}

/**
 * Replaces the index with one of these documents, unless it holds those of a later load
 * (`generation` grows with each load of the published set, and loads may finish out of order);
 * resolves once searches use it.
 */
export async function buildSearchIndex(generation: number, docs: IndexedDoc[]): Promise<void> {
  await ask({ type: 'build', generation, docs });
}

/** The sheets matching a query in the index of the latest load. */
export function searchIndex(q: string): Promise<SearchResult> {
  return ask({ type: 'search', q });
}

/** Stops the worker (tests, shutdown); the next call starts a new one, without an index. */
export async function stopSearchWorker(): Promise<void> {
  const stopping = running;
  running = undefined;
  await stopping?.worker.terminate();
}
