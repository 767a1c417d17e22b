// The compendium's search index, run in a worker thread (started by search-index.ts): its
// hundreds of thousands of small objects stay out of the main thread's heap, so the garbage
// collections caused by serving pages stay short.
import { parentPort } from 'node:worker_threads';
import MiniSearch from 'minisearch';
import { indexTerm, tokenize } from './french-text';
import type {
  IndexedDoc,
  SearchHit,
  SearchReply,
  SearchRequest,
  SearchResult,
} from './search-index';
import { buildVocabulary, correctQuery, type Vocabulary } from './spelling';

/** French terms; title and summary weigh more; prefix and typo matches. */
function buildIndex(docs: IndexedDoc[]): MiniSearch<IndexedDoc> {
  const index = new MiniSearch<IndexedDoc>({
    idField: 'id',
    fields: ['title', 'summary', 'body', 'place', 'tags'],
    tokenize,
    processTerm: (term) => indexTerm(term),
    searchOptions: {
      boost: { title: 4, summary: 2, tags: 1.5 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'AND',
    },
  });
  index.addAll(docs);
  return index;
}

let built:
  { generation: number; index: MiniSearch<IndexedDoc>; vocabulary: Vocabulary } | undefined;

function hitsOf(q: string): SearchHit[] {
  return built!.index.search(q).map((hit) => ({ id: String(hit.id), terms: hit.terms }));
}

/**
 * The hits of the query with its typos put right (a word no sheet holds, one edit from one that
 * does), else of the query as typed; when that finds nothing, a query further off is suggested.
 */
function search(q: string): SearchResult {
  const corrected = correctQuery(q, built!.vocabulary, 1);
  const correctedHits = corrected ? hitsOf(corrected) : [];
  if (correctedHits.length) return { hits: correctedHits, corrected };
  const hits = hitsOf(q);
  if (hits.length) return { hits };
  const suggestion = correctQuery(q, built!.vocabulary, 2);
  return suggestion && hitsOf(suggestion).length ? { hits: [], suggestion } : { hits: [] };
}

function answer(request: SearchRequest): SearchReply {
  if (request.type === 'build') {
    if (!built || request.generation >= built.generation)
      built = {
        generation: request.generation,
        index: buildIndex(request.docs),
        vocabulary: buildVocabulary(request.docs),
      };
    return { id: request.id, hits: [] };
  }
  if (!built) return { id: request.id, absent: true };
  return { id: request.id, ...search(request.q) };
}

parentPort!.on('message', (request: SearchRequest) => {
  try {
    parentPort!.postMessage(answer(request));
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: `index de recherche : ${String(error)}` });
  }
});
