import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractDocument, resolveWorkerPath } from '../../../shared/core/extract';
import { makePdf } from '../../helpers/pdf-fixtures';

const saved = process.env.GCM_EXTRACT_WORKER_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.GCM_EXTRACT_WORKER_PATH;
  else process.env.GCM_EXTRACT_WORKER_PATH = saved;
});

describe('resolveWorkerPath', () => {
  it('prefers the explicit option, then GCM_EXTRACT_WORKER_PATH, then worker.ts beside the module', () => {
    process.env.GCM_EXTRACT_WORKER_PATH = '/var/task/extract-worker.mjs';
    expect(resolveWorkerPath('/opt/custom/worker.js')).toBe('/opt/custom/worker.js');
    expect(resolveWorkerPath()).toBe('/var/task/extract-worker.mjs');
    delete process.env.GCM_EXTRACT_WORKER_PATH;
    expect(resolveWorkerPath()).toBe(path.resolve(import.meta.dirname, '../../../shared/core/extract/worker.ts'));
  });

  it('reports a worker script that cannot load as a failed extraction, not a crash or a hang', async () => {
    const pdf = await makePdf({ pages: [{ paragraphs: ['A short paragraph about labour migration.'] }] });
    const result = await extractDocument(pdf, { workerPath: path.join(import.meta.dirname, 'no-such-worker.mjs') });
    expect(result.outcome).toBe('failed');
    if (result.outcome === 'failed') expect(result.reason).toMatch(/worker/);
  });
});

describe('normalizeLimits', () => {
  it('fills defaults, ignores nonsense and caps the timer', async () => {
    const { normalizeLimits, DEFAULT_LIMITS } = await import('../../../shared/core/extract');
    expect(normalizeLimits()).toEqual(DEFAULT_LIMITS);
    expect(normalizeLimits({ maxPages: Number.NaN, maxBytes: -1, timeoutMs: 10 ** 12 })).toEqual({
      maxBytes: DEFAULT_LIMITS.maxBytes,
      maxPages: DEFAULT_LIMITS.maxPages,
      timeoutMs: 2_147_483_647,
    });
  });
});
