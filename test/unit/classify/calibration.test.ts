import { describe, expect, it } from 'vitest';
import { fitPlatt, IDENTITY_SCALE, rescale } from '../../../shared/core/classify/calibration';

/** Pairs whose true probability is σ(2·logit(p) − 0.5): the raw p is too timid, then shifted. */
function timidPairs(n: number): Array<[number, boolean]> {
  const out: Array<[number, boolean]> = [];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const p = 0.02 + 0.96 * rand();
    const z = Math.log(p / (1 - p));
    const truth = 1 / (1 + Math.exp(-(2 * z - 0.5)));
    out.push([p, rand() < truth]);
  }
  return out;
}

describe('Platt scaling', () => {
  it('recovers the scale that makes probabilities mean what they say', () => {
    const s = fitPlatt(timidPairs(20_000));
    expect(s.a).toBeGreaterThan(1.8);
    expect(s.a).toBeLessThan(2.2);
    expect(s.b).toBeGreaterThan(-0.7);
    expect(s.b).toBeLessThan(-0.3);
  });

  it('keeps the order of scores and leaves closed pairs at 0', () => {
    const s = { a: 1.7, b: 0.4 };
    const ps = [0.01, 0.1, 0.3, 0.5, 0.9, 0.99];
    const r = ps.map((p) => rescale(s, p));
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeGreaterThan(r[i - 1]);
    expect(rescale(s, 0)).toBe(0);
  });

  it('stays the identity when there is too little to fit', () => {
    expect(fitPlatt([[0.9, true], [0.2, false]])).toEqual(IDENTITY_SCALE);
  });
});
