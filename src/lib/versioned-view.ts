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

  return {
    async get() {
      const version = await currentVersion();
      if (held?.version === version) return held.value;
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
      return loading.promise;
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
}
