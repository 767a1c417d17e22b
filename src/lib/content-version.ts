import { versionCounter } from './version-counter';

/**
 * The version of everything the public sees (published sheets, the recueil's selection, meetings'
 * selected practices, vocabulary labels). Any change to public content calls
 * `bumpContentVersion()`; caches of rendered pages, the search index and the PDF recueil are keyed
 * by `contentVersion()`, so every app process sees a change made by another within 2 s.
 */
const counter = versionCounter('content-version');

/** In-memory data that follows the content version (the vocabularies): reloaded first. */
const reloaders: Array<() => Promise<void>> = [];
let synced: { version: number; done: Promise<void>; loaded: boolean } | undefined;

export const onContentVersion = (reload: () => Promise<void>): void => {
  reloaders.push(reload);
};

export const bumpContentVersion = (): Promise<number> => counter.bump();

/** The current version, once the data registered with `onContentVersion` has followed it. */
export async function contentVersion(): Promise<number> {
  const version = await counter.current();
  if (synced?.version !== version) {
    const entry = { version, done: Promise.resolve(), loaded: false };
    entry.done = Promise.all(reloaders.map((reload) => reload())).then(() => {
      entry.loaded = true;
    });
    synced = entry;
    // A failed reload is tried again by the next caller.
    entry.done.catch(() => {
      if (synced === entry) synced = undefined;
    });
  }
  // The hot path (every public page): no extra wait once the data has followed.
  if (!synced.loaded) await synced.done;
  return version;
}

/**
 * The hot path's synchronous read: the current version when it was read recently and the data
 * registered with `onContentVersion` has followed it; undefined otherwise (then await
 * `contentVersion()`).
 */
export function freshContentVersion(): number | undefined {
  const version = counter.fresh();
  return version !== undefined && synced?.version === version && synced.loaded
    ? version
    : undefined;
}
