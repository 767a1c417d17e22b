import { derivedFrom, versionedView } from '../../src/lib/versioned-view';

/** A promise settled from outside: loads that finish when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('in-memory views that follow a version', () => {
  it('when many readers ask at one version, then the data is loaded once and shared', async () => {
    let loads = 0;
    const view = versionedView(
      async () => 7,
      async (version) => {
        loads += 1;
        return { version, items: ['a'] };
      },
    );
    const results = await Promise.all(Array.from({ length: 20 }, () => view.get()));
    expect(loads).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(await view.get()).toBe(results[0]);
    expect(loads).toBe(1);
  });

  it('when the version moves, then the next reader loads again', async () => {
    let version = 1;
    const view = versionedView(
      async () => version,
      async (v) => `chargé à ${v}`,
    );
    expect(await view.get()).toBe('chargé à 1');
    version = 2;
    expect(await view.get()).toBe('chargé à 2');
  });

  it('when an older load finishes after a newer one, then the newer data is kept', async () => {
    let version = 1;
    const pending = new Map<number, ReturnType<typeof deferred<string>>>();
    const view = versionedView(
      async () => version,
      (v) => {
        const d = deferred<string>();
        pending.set(v, d);
        return d.promise;
      },
    );
    const slow = view.get();
    await new Promise((r) => setImmediate(r));
    version = 2;
    const fast = view.get();
    await new Promise((r) => setImmediate(r));
    pending.get(2)!.resolve('récent');
    expect(await fast).toBe('récent');
    pending.get(1)!.resolve('ancien');
    expect(await slow).toBe('ancien');
    // Still version 2: what is held is the newer load, no new load starts.
    expect(await view.get()).toBe('récent');
    expect(pending.size).toBe(2);
  });

  it('when a load fails, then the readers get the error and the next reader loads again', async () => {
    let attempts = 0;
    const view = versionedView(
      async () => 3,
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('base injoignable');
        return 'données';
      },
    );
    await expect(view.get()).rejects.toThrow('base injoignable');
    expect(await view.get()).toBe('données');
    expect(attempts).toBe(2);
  });

  it('when this process changes the data at the next version, then it is patched in place without a load', async () => {
    let version = 1;
    let loads = 0;
    const view = versionedView(
      async () => version,
      async () => {
        loads += 1;
        return new Map([['a', 1]]);
      },
    );
    const held = await view.get();
    version = 2;
    view.changed(2, (map) => map.set('b', 2));
    expect(await view.get()).toBe(held);
    expect([...held.entries()]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(loads).toBe(1);
  });

  it('when a change skips a version or comes without a patch, then the data is loaded again', async () => {
    let version = 1;
    let loads = 0;
    const view = versionedView(
      async () => version,
      async () => {
        loads += 1;
        return loads;
      },
    );
    await view.get();
    version = 3;
    view.changed(3, () => undefined);
    expect(await view.get()).toBe(2);
    version = 4;
    view.changed(4);
    expect(await view.get()).toBe(3);
  });

  it('when a load started before a local change finishes after it, then it does not replace what the change left', async () => {
    let version = 1;
    const gate = deferred<string>();
    let loads = 0;
    const view = versionedView(
      async () => version,
      async () => {
        loads += 1;
        return loads === 1 ? 'avant' : loads === 2 ? gate.promise : 'après';
      },
    );
    expect(await view.get()).toBe('avant');
    version = 2;
    const started = view.get();
    await new Promise((r) => setImmediate(r));
    version = 3;
    view.changed(3);
    gate.resolve('lu avant le changement');
    expect(await started).toBe('lu avant le changement');
    expect(await view.get()).toBe('après');
  });

  it('when a value is derived from a view, then it is made once per key and version, and again after a change here', async () => {
    let version = 1;
    const view = versionedView(
      async () => version,
      async () => [1, 2, 3],
    );
    let made = 0;
    const sum = derivedFrom(view, (items, key) => {
      made += 1;
      return items.reduce((a, b) => a + b, 0) * (key === 'double' ? 2 : 1);
    });
    expect(await sum('simple')).toBe(6);
    expect(await sum('simple')).toBe(6);
    expect(await sum('double')).toBe(12);
    expect(made).toBe(2);
    // A change made by this process, patched in place: the version moves with it.
    version = 2;
    view.changed(2, (items) => items.push(4));
    expect(await sum('simple')).toBe(10);
    expect(made).toBe(3);
    // Another process's change: the view loads again, the value is made again.
    version = 3;
    expect(await sum('double')).toBe(12);
    expect(made).toBe(4);
  });
});
