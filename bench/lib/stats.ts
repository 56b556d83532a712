/** Small statistics used by every benchmark. Pure functions, unit-tested. */

/** Nearest-rank percentile (p in [0, 100]) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Items per second; 0 seconds gives Infinity rather than a division error hidden in NaN. */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : Infinity;
}

/** a / b, or null when b is 0 (a ratio that cannot be formed is reported as missing, not as Infinity). */
export function ratio(a: number, b: number): number | null {
  return b === 0 || !Number.isFinite(a) || !Number.isFinite(b) ? null : a / b;
}

/** Shares of a total, in percent, for a breakdown table. */
export function shares<K extends string>(parts: Record<K, number>): Record<K, number> {
  const total = sum(Object.values(parts) as number[]);
  const out = {} as Record<K, number>;
  for (const k of Object.keys(parts) as K[]) out[k] = total > 0 ? (parts[k] / total) * 100 : 0;
  return out;
}

/** Rounds for JSON output: keeps results readable without pretending to precision we do not have. */
export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
