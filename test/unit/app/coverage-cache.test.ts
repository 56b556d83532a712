import { describe, expect, it } from 'vitest';
import { CoverageCache } from '../../../shared/app/coverage-cache';
import type { CoverageRow } from '../../../shared/app/ports';

/** A repository whose rows and stamp the test sets, counting the reads. */
function fakeRepo() {
  const state = { stamp: 's1', changedAt: '2026-01-01T00:00:00.000Z' as string | null, rows: [{ documentId: 'a', title: null, key: 'k', elements: [] }] as CoverageRow[], lists: 0, stamps: 0 };
  return {
    state,
    repo: {
      listCoverage: async () => (state.lists++, state.rows.map((r) => ({ ...r }))),
      coverageStamp: async () => (state.stamps++, { stamp: state.stamp, changedAt: state.changedAt }),
    },
  };
}

describe('CoverageCache', () => {
  const t0 = Date.parse('2026-01-01T00:01:00.000Z');

  it('serves the kept rows while the stamp is unchanged, and reads them again when it moves', async () => {
    const { state, repo } = fakeRepo();
    let now = t0;
    const cache = new CoverageCache(repo, { now: () => now });
    const first = await cache.rows();
    expect(cache.lastRead).toBe('read');
    now += 1000;
    expect(await cache.rows()).toBe(first);
    expect(cache.lastRead).toBe('kept');
    expect(state).toMatchObject({ lists: 1, stamps: 2 });
    state.stamp = 's2';
    state.changedAt = '2026-01-01T00:00:30.000Z';
    const second = await cache.rows();
    expect(second).not.toBe(first);
    expect(state.lists).toBe(2);
  });

  it('reads the rows again once they are older than the longest age, even with the same stamp', async () => {
    const { state, repo } = fakeRepo();
    let now = t0;
    const cache = new CoverageCache(repo, { now: () => now, maxAgeMs: 10_000 });
    await cache.rows();
    now += 9_999;
    await cache.rows();
    expect(state.lists).toBe(1);
    now += 1;
    await cache.rows();
    expect(state.lists).toBe(2);
  });

  it('does not keep rows read within the settling time of their newest change', async () => {
    const { state, repo } = fakeRepo();
    let now = t0;
    state.changedAt = new Date(t0 - 4_000).toISOString();
    const cache = new CoverageCache(repo, { now: () => now, settleMs: 5_000 });
    await cache.rows();
    await cache.rows();
    expect(state.lists).toBe(2);
    // Once the change has settled, what is read next is kept.
    now += 1_000;
    await cache.rows();
    await cache.rows();
    expect(state.lists).toBe(3);
    expect(cache.lastRead).toBe('kept');
  });

  it('with a longest age of 0 reads the rows every time and never asks for the stamp', async () => {
    const { state, repo } = fakeRepo();
    const cache = new CoverageCache(repo, { maxAgeMs: 0 });
    await cache.rows();
    await cache.rows();
    expect(state).toMatchObject({ lists: 2, stamps: 0 });
  });
});
