/** The `npm run bench` entry: option validation and the skip path, without running a heavy benchmark. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const out = mkdtempSync(path.join(tmpdir(), 'gcm-bench-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const bench = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: ROOT, timeout: 60_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('bench runner', () => {
  it('rejects an unknown benchmark name with the list of valid ones', async () => {
    const r = await bench(['--only', 'extraction,speed']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown benchmark\(s\) speed; choose from extraction, classification/);
  });

  it('skips a benchmark whose inputs are missing, says why, and records it', async () => {
    // An empty results folder has no end-to-end figures for the cost model to use.
    const r = await bench(['--only', 'cost', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/skipped: needs the end-to-end figures/);
    expect(existsSync(path.join(out, 'cost.json'))).toBe(true);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.benchmarks).toEqual([expect.objectContaining({ name: 'cost', status: 'skipped' })]);
  });
});
