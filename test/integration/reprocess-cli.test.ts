/**
 * `gcm reprocess` and `gcm runs` against the local pipeline: the CLI runs the fan-out in its own
 * process on the emulators' endpoints, and reads runs back through the API.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';
import { makePdf } from '../helpers/pdf-fixtures';
import { buildProgram } from '../../shared/cli/gcm';
import { scopeFromOptions } from '../../shared/cli/commands/reprocess';
import { UsageError } from '../../shared/cli/commands/upload';

let p: TestPipeline;
const saved = { ...process.env };

beforeAll(async () => {
  p = await startTestPipeline();
  await p.upload('uploads/GFMD/a.pdf', await makePdf({ pages: [{ paragraphs: ['Participants called for reducing the transaction costs of migrant remittances.'] }] }));
  await p.upload('uploads/Bali-Process/b.pdf', await makePdf({ pages: [{ paragraphs: ['States will prevent and combat trafficking in persons.'] }] }));
  await p.runtime.idle();
  Object.assign(process.env, {
    GCM_API_URL: p.apiUrl,
    GCM_S3_ENDPOINT: p.runtime.s3Endpoint,
    GCM_DYNAMODB_ENDPOINT: p.runtime.dynamoEndpoint,
    GCM_BUCKET: p.runtime.bucket,
    GCM_TABLE: p.runtime.table,
  });
  delete process.env.GCM_REPROCESS_QUEUE_URL;
});
afterAll(async () => {
  process.env = saved;
  await p?.stop();
});

async function gcm(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'gcm', ...args]);
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
  return lines.join('\n');
}

describe('gcm reprocess / gcm runs', () => {
  it('runs a prefix scope in-process and prints the run record', async () => {
    const run = JSON.parse(await gcm('reprocess', '--prefix', 'uploads/GFMD/', '--json'));
    expect(run).toMatchObject({ scope: 'prefix:uploads/GFMD/', status: 'done', total: 1, counts: { pending: 0, done: 0, failed: 0, unchanged: 1 } });
    const shown = await gcm('runs', 'show', run.runId);
    expect(shown).toMatch(new RegExp(`run\\s+${run.runId}`));
    expect(shown).toMatch(/unchanged\s+1/);
    const listed = await gcm('runs');
    expect(listed).toContain(run.runId);
  });

  it('writes the work items of a run as CSV', async () => {
    const run = JSON.parse(await gcm('reprocess', '--all', '--json'));
    expect(run.total).toBe(2);
    const csv = await gcm('runs', 'changes', run.runId, '--state', 'unchanged', '--csv');
    const rows = csv.trim().split(/\r?\n/);
    expect(rows[0]).toBe('documentId,key,title,state,gained,lost,recounted,fromVersion,toVersion,reason');
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).every((r) => r.includes(',unchanged,'))).toBe(true);
    expect(await gcm('runs', 'changes', run.runId)).toContain('changed no document');
  });

  it('asks for exactly one scope', () => {
    expect(() => scopeFromOptions({ concurrency: '2', wait: true })).toThrow(UsageError);
    expect(() => scopeFromOptions({ all: true, onlyFailed: true, concurrency: '2', wait: true })).toThrow(UsageError);
    expect(() => scopeFromOptions({ prefix: ' ', concurrency: '2', wait: true })).toThrow(UsageError);
    expect(scopeFromOptions({ onlyOutdated: true, concurrency: '2', wait: true })).toEqual({ kind: 'outdated' });
  });
});
