/**
 * Where ingest time goes, measured from outside the application: the ingest dependencies (object
 * store, extraction, cache, classifier, repository) are wrapped so that each call is timed under a
 * stage name. Nothing in shared/app changes, and what is timed is exactly what ingestObject calls.
 */

export class StageTimer {
  readonly ms = new Map<string, number>();
  readonly calls = new Map<string, number>();

  add(stage: string, ms: number): void {
    this.ms.set(stage, (this.ms.get(stage) ?? 0) + ms);
    this.calls.set(stage, (this.calls.get(stage) ?? 0) + 1);
  }

  /** Times a function (sync or async) under `stage`; errors are timed too and rethrown. */
  wrap<A extends unknown[], R>(stage: string, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      const t0 = performance.now();
      let result: R;
      try {
        result = fn(...args);
      } catch (err) {
        this.add(stage, performance.now() - t0);
        throw err;
      }
      if (result instanceof Promise) {
        return result.finally(() => this.add(stage, performance.now() - t0)) as R;
      }
      this.add(stage, performance.now() - t0);
      return result;
    };
  }

  /**
   * A view of `target` whose listed methods are timed under `stage` (other members pass through,
   * bound to the original object, so classes with private fields keep working).
   */
  object<T extends object>(target: T, stage: string, methods: Array<keyof T>): T {
    const timed = new Map<PropertyKey, unknown>();
    for (const m of methods) {
      const fn = target[m];
      if (typeof fn !== 'function') throw new TypeError(`${String(m)} is not a method`);
      timed.set(m, this.wrap(stage, (fn as (...a: unknown[]) => unknown).bind(target)));
    }
    return new Proxy(target, {
      get(obj, prop) {
        if (timed.has(prop)) return timed.get(prop);
        const value = Reflect.get(obj, prop, obj);
        return typeof value === 'function' ? value.bind(obj) : value;
      },
    });
  }

  snapshot(): Record<string, { ms: number; calls: number }> {
    return Object.fromEntries([...this.ms].map(([k, ms]) => [k, { ms, calls: this.calls.get(k) ?? 0 }]));
  }
}
