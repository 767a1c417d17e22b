import { versionCounter } from './version-counter';

/**
 * The version of everything the public sees (published sheets, the recueil's selection, meetings'
 * selected practices, vocabulary labels). Any change to public content calls
 * `bumpContentVersion()`; caches of rendered pages, the search index and the PDF recueil are keyed
 * by `contentVersion()`, so every app process sees a change made by another within 2 s.
 */
const counter = versionCounter('content-version');

export const bumpContentVersion = (): Promise<number> => counter.bump();
export const contentVersion = (): Promise<number> => counter.current();
