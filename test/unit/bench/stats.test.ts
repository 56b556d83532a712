import { describe, expect, it } from 'vitest';
import { median, percentile, perSecond, ratio, round, shares } from '../../../bench/lib/stats';

describe('percentile (nearest rank)', () => {
  const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];

  it('picks the sample at the nearest rank, whatever the input order', () => {
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('does not reorder the caller’s array', () => {
    const copy = [...samples];
    percentile(samples, 50);
    expect(samples).toEqual(copy);
  });

  it('rejects an empty sample and an out-of-range percentile', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('rates and ratios', () => {
  it('turns a count over milliseconds into a rate per second', () => {
    expect(perSecond(500, 250)).toBe(2000);
    expect(perSecond(1, 0)).toBe(Infinity);
  });

  it('reports a ratio that cannot be formed as null', () => {
    expect(ratio(6, 3)).toBe(2);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Infinity, 2)).toBeNull();
  });

  it('splits a total into percentage shares', () => {
    expect(shares({ parse: 3, clean: 1 })).toEqual({ parse: 75, clean: 25 });
    expect(shares({ a: 0, b: 0 })).toEqual({ a: 0, b: 0 });
  });

  it('rounds to the requested digits', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(1234.5, 0)).toBe(1235);
  });
});
