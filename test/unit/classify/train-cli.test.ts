import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cli = path.join(root, 'shared/cli/train.ts');

describe('train CLI', () => {
  it('refuses the held-out sets by name', () => {
    for (const f of ['test/fixtures/real/sealed.jsonl', 'test/fixtures/real/sealed-2.jsonl', 'test/fixtures/labelled/realistic-4.jsonl']) {
      const flag = f.includes('/real/') ? '--real' : '--written';
      const r = spawnSync(tsx, [cli, flag, f], { cwd: root, encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/sealed set/);
    }
  }, 30_000);

  it.each(['sealed.jsonl', 'sealed-2.jsonl'])('refuses any label file that brings in a document of %s, whatever its name', (sealed) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gcm-train-'));
    const file = path.join(dir, 'my-labels.jsonl');
    const sealedLine = readFileSync(path.join(root, 'test/fixtures/real', sealed), 'utf8').split('\n')[0];
    writeFileSync(file, `${sealedLine}\n`);
    const r = spawnSync(tsx, [cli, '--real', file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/labels documents of the sealed set \(.+\.pdf\)/);
  }, 30_000);
});
