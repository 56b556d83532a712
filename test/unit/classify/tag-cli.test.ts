import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../../helpers/pdf-fixtures';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cli = path.join(root, 'shared/cli/tag.ts');

describe('tag CLI', () => {
  it('extracts a generated PDF and reports addressed elements and tagged paragraphs as JSON', async () => {
    const pdf = await makePdf({
      title: 'Chair summary',
      pages: [{
        paragraphs: [
          { text: 'Remittances', heading: true },
          'Participants agreed that the cost of remittances remains far too high and called on money transfer operators and regulators to bring transaction costs below three per cent.',
          'Several delegations described digital channels that allow migrant workers to send money home more cheaply and safely, and stressed financial inclusion of their families.',
          'The Chair thanked the host Government for its hospitality and the excellent arrangements made for the meeting.',
        ],
      }],
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'gcm-tag-'));
    const file = path.join(dir, 'summary.pdf');
    writeFileSync(file, pdf);
    const out = JSON.parse(execFileSync(tsx, [cli, file, '--json'], { cwd: root, encoding: 'utf8' }));

    const h = out.document.elements.find((e: { element: string }) => e.element === 'h');
    expect(h).toMatchObject({ element: 'h', addresses: true, paragraphCount: 2 });
    expect(h.score).toBeGreaterThan(0.5);

    const paras = out.paragraphs as Array<{ index: number; number: string | null; page: number; kind: string; text: string; tags: Array<{ element: string; score: number }> }>;
    expect(paras.length).toBeGreaterThanOrEqual(3);
    for (const p of paras) expect(p).toEqual(expect.objectContaining({ index: expect.any(Number), page: 1, kind: expect.any(String), text: expect.any(String) }));
    const thanks = paras.find((p) => p.text.includes('thanked'))!;
    expect(thanks.tags).toEqual([]);
    const cost = paras.find((p) => p.text.includes('transfer operators'))!;
    expect(cost.tags.map((t) => t.element)).toContain('h');
    // The heading alone is not evidence.
    const heading = paras.find((p) => p.kind === 'heading');
    if (heading) expect(h.evidence).not.toContain(heading.index);
  }, 60_000);

  it('tags a folder without storage, one JSON line per document, and goes on past a broken file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gcm-tag-'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'a-trafficking.pdf'), await makePdf({
      pages: [{ paragraphs: [
        'States resolved to prevent and combat trafficking in persons, to prosecute traffickers and to dismantle the networks that smuggle migrants across borders.',
        'Victims of trafficking will be identified early and given shelter, medical care and legal assistance, whatever their migration status.',
      ] }],
    }));
    writeFileSync(path.join(dir, 'sub', 'b-oceans.pdf'), await makePdf({
      pages: [{ paragraphs: [
        'States will protect marine biodiversity beyond national jurisdiction and combat illegal, unreported and unregulated fishing.',
        'Illicit trafficking in wildlife and in cultural property deprives countries of their heritage; customs and police will cooperate to return stolen objects.',
      ] }],
    }));
    writeFileSync(path.join(dir, 'sub', 'c-broken.pdf'), 'not a PDF at all');
    const r = spawnSync(tsx, [cli, dir, '--jsonl'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => path.basename(l.file))).toEqual(['a-trafficking.pdf', 'b-oceans.pdf', 'c-broken.pdf']);
    const [a, b, c] = lines;
    expect(a.document.elements.filter((e: { addresses: boolean }) => e.addresses).map((e: { element: string }) => e.element)).toEqual(expect.arrayContaining(['k', 'l']));
    // A document that never names migrants or trafficking in persons addresses nothing.
    expect(b.outcome).toBe('ok');
    expect(b.document.elements.filter((e: { addresses: boolean }) => e.addresses)).toEqual([]);
    expect(c.outcome).toBe('failed');
    expect(c.reason).toEqual(expect.any(String));
  }, 120_000);
});
