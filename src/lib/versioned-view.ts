/**
 * In-memory data that follows a version number (a version counter, or the content version): the
 * one mechanism behind every view a page reads instead of the database. Each process loads it
 * once per version; concurrent readers share one load; a load that ends after a newer one, or
 * that started before a change made here, never replaces it; a failed load is tried again by the
 * next reader. A change made by this process can be applied in place rather than reloaded.
 */
export interface VersionedView<T> {
  /** The data at the current version. */
  get(): Promise<T>;
  /** The same, with that version. */
  current(): Promise<{ version: number; value: T }>;
  /**
   * This process changed the data and moved the version to `version`: `patch` the held value when
   * it was at the version before; otherwise (or without `patch`) forget it.
   */
  changed(version: number, patch?: (value: T) => void): void;
  /** Forget what is held: the next reader loads again. */
  forget(): void;
}

export function versionedView<T>(
  currentVersion: () => Promise<number>,
  load: (version: number) => Promise<T>,
): VersionedView<T> {
  let held: { version: number; value: T; order: number } | undefined;
  let loading: { version: number; promise: Promise<T> } | undefined;
  /** Loads started and changes made, in order: what is older than `floor` is not kept. */
  let order = 0;
  let floor = 0;

  const forget = () => {
    floor = ++order;
    held = undefined;
    loading = undefined;
  };

  const view: VersionedView<T> = {
    async get() {
      return (await view.current()).value;
    },
    async current() {
      const version = await currentVersion();
      if (held?.version === version) return { version, value: held.value };
      if (loading?.version !== version) {
        const started = ++order;
        const promise = load(version).then((value) => {
          if (started > floor && (!held || started > held.order))
            held = { version, value, order: started };
          return value;
        });
        loading = { version, promise };
        void promise
          .catch(() => undefined)
          .finally(() => {
            if (loading?.promise === promise) loading = undefined;
          });
      }
      return { version, value: await loading.promise };
    },
    changed(version, patch) {
      if (patch && held?.version === version - 1) {
        patch(held.value);
        floor = ++order;
        held = { ...held, version, order: floor };
        loading = undefined;
      } else {
        forget();
      }
    },
    forget,
  };
  return view;
}

/**
 * What `compute` makes of a view's data for a `key` (a moderator's régions…), made again only
 * once the view's version moved: a page that adds up a whole view pays for it once per change,
 * not once per request.
 */
export function derivedFrom<T, D>(view: VersionedView<T>, compute: (value: T, key: string) => D) {
  let at: number | undefined;
  const made = new Map<string, D>();
  return async (key: string): Promise<D> => {
    const { version, value } = await view.current();
    if (version !== at) {
      made.clear();
      at = version;
    }
    if (!made.has(key)) made.set(key, compute(value, key));
    return made.get(key)!;
  };
}
