import { describe, expect, it } from 'vitest';
import { StageTimer } from '../../../bench/lib/stage-timer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Store {
  #items = new Map<string, number>();
  calls = 0;
  async put(key: string, value: number): Promise<void> {
    await sleep(15);
    this.#items.set(key, value);
  }
  get(key: string): number | undefined {
    this.calls++;
    return this.#items.get(key);
  }
}

describe('StageTimer', () => {
  it('times async calls until they settle and counts them', async () => {
    const timer = new StageTimer();
    const slow = timer.wrap('write', async (x: number) => {
      await sleep(20);
      return x * 2;
    });
    expect(await slow(2)).toBe(4);
    expect(await slow(3)).toBe(6);
    const s = timer.snapshot().write;
    expect(s.calls).toBe(2);
    expect(s.ms).toBeGreaterThanOrEqual(35);
  });

  it('times calls that throw, and rethrows', async () => {
    const timer = new StageTimer();
    const bad = timer.wrap('read', () => {
      throw new Error('boom');
    });
    expect(() => bad()).toThrow('boom');
    const failing = timer.wrap('read', async () => Promise.reject(new Error('later')));
    await expect(failing()).rejects.toThrow('later');
    expect(timer.snapshot().read.calls).toBe(2);
  });

  it('wraps chosen methods of a class instance with private fields, leaving the rest working', async () => {
    const timer = new StageTimer();
    const store = new Store();
    const timed = timer.object(store, 'write', ['put']);
    await timed.put('a', 1);
    expect(timed.get('a')).toBe(1);
    expect(store.calls).toBe(1);
    expect(timer.snapshot().write.calls).toBe(1);
    expect(timer.snapshot().write.ms).toBeGreaterThanOrEqual(10);
  });

  it('refuses to wrap something that is not a method', () => {
    expect(() => new StageTimer().object(new Store(), 'x', ['calls'])).toThrow(TypeError);
  });
});
