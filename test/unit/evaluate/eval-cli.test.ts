import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cli = path.join(root, 'shared/cli/eval.ts');

describe('eval CLI', () => {
  it('prints one JSON object with micro, macro and per-element figures for any gold file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gcm-eval-'));
    const file = path.join(dir, 'gold.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: '1', text: 'Lowering the cost of remittances remains a priority.', elements: ['h'] }),
      JSON.stringify({ id: '2', text: 'The meeting adopted its provisional agenda.', elements: [] }),
    ].join('\n'));
    const out = JSON.parse(execFileSync(tsx, [cli, file, '--json'], { cwd: root, encoding: 'utf8' }));
    expect(out.micro).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(Object.keys(out.elements)).toHaveLength(24);
    expect(out.elements.h).toMatchObject({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(out.macro).toHaveProperty('f1');
  }, 30_000);

  it('fails clearly on a malformed gold file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gcm-eval-'));
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":"1","text":"x","elements":["zz"]}\n');
    const r = spawnSync(tsx, [cli, file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 1: unknown element "zz"/);
  }, 30_000);

  it('fails clearly when a real label names a PDF that is not there', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gcm-eval-'));
    const file = path.join(dir, 'real.jsonl');
    writeFileSync(file, JSON.stringify({ doc: 'unga-78/A_RES_00_000.pdf', index: 0, textHash: '0123456789ab', elements: [] }) + '\n');
    const r = spawnSync(tsx, [cli, file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/A_RES_00_000\.pdf not found/);
  }, 30_000);

  const shared = path.resolve(root, '../shared/archive/unga-78/A_RES_78_228.pdf');
  it.skipIf(!existsSync(shared))('evaluates a labelled real document whole: paragraph and document figures', () => {
    const lines = readFileSync(path.join(root, 'test/fixtures/real/dev.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"unga-78/A_RES_78_228.pdf"'));
    expect(lines.length).toBeGreaterThan(20);
    const dir = mkdtempSync(path.join(tmpdir(), 'gcm-eval-'));
    const file = path.join(dir, 'real.jsonl');
    writeFileSync(file, lines.join('\n'));
    const out = JSON.parse(execFileSync(tsx, [cli, file, '--json'], { cwd: root, encoding: 'utf8' }));
    expect(out.kind).toBe('real-documents');
    expect(out.unmatchedLabels).toBe(0);
    expect(out.documents).toBe(1);
    expect(out.paragraphs.items).toBe(lines.length);
    // The resolution on trafficking in persons addresses k and l, by its labels and by the classifier.
    expect(out.perDocument[0].gold).toEqual(expect.arrayContaining(['k', 'l']));
    expect(out.perDocument[0].addresses).toEqual(expect.arrayContaining(['k', 'l']));
    expect(out.addresses.micro.precision).toBeGreaterThan(0);
    expect(out.paragraphs.elements.k.support).toBeGreaterThan(5);
  }, 120_000);
});
