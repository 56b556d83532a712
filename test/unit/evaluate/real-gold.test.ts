import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignLabels, groupByDocument, GoldFormatError, paragraphTextHash, parseRealLabels, type RealLabel } from '../../../shared/core/evaluate/index';
import type { ElementId } from '../../../shared/core/taxonomy/types';

const root = path.resolve(import.meta.dirname, '../../..');
const line = (o: object) => JSON.stringify(o);

describe('labelled real documents', () => {
  const paragraphs = ['Preamble text.', 'Migrant workers send remittances.', 'States combat trafficking in persons.'].map((text, index) => ({ index, text }));
  const label = (index: number, text: string, elements: string[]): RealLabel => ({ doc: 'unga-78/A.pdf', index, textHash: paragraphTextHash(text), elements: elements as ElementId[] });

  it('parses labels and refuses malformed ones with the line number', () => {
    const ok = parseRealLabels([line(label(1, paragraphs[1].text, ['h'])), '', line(label(2, paragraphs[2].text, ['k', 'k']))].join('\n'));
    expect(ok.map((l) => l.elements)).toEqual([['h'], ['k']]);
    expect(() => parseRealLabels(line({ ...label(1, 'x', ['h']), elements: ['z'] }))).toThrow(GoldFormatError);
    expect(() => parseRealLabels(line({ ...label(1, 'x', []), doc: '../etc/passwd.pdf' }))).toThrow(/relative/);
    expect(() => parseRealLabels([line(label(1, 'x', [])), line(label(1, 'x', []))].join('\n'))).toThrow(/line 2.*duplicate|duplicate/);
  });

  it('aligns by index and hash, follows a renumbered paragraph by its hash, and counts labels that lost their paragraph', () => {
    const labels = [label(1, paragraphs[1].text, ['h']), label(7, paragraphs[2].text, ['k']), label(0, 'a paragraph no longer extracted', ['a'])];
    const { elements, unmatched } = alignLabels(labels, paragraphs);
    expect(elements).toEqual([null, ['h'], ['k']]);
    expect(unmatched).toBe(1);
  });

  it('groups labels by document in file order', () => {
    const g = groupByDocument([{ ...label(0, 'a', []), doc: 'b.pdf' }, { ...label(0, 'a', []), doc: 'a.pdf' }, { ...label(1, 'b', []), doc: 'b.pdf' }]);
    expect([...g.keys()]).toEqual(['b.pdf', 'a.pdf']);
    expect(g.get('b.pdf')).toHaveLength(2);
  });

  for (const file of ['dev.jsonl', 'sealed.jsonl', 'sealed-2.jsonl', 'second-labeller.jsonl']) {
    it(`test/fixtures/real/${file} is well-formed`, () => {
      const labels = parseRealLabels(readFileSync(path.join(root, 'test/fixtures/real', file), 'utf8'));
      expect(labels.length).toBeGreaterThan(100);
    });
  }
});

describe('the real labelled sets', () => {
  it('share no document: a sealed document is never also a development one', () => {
    const docsOf = (file: string) => new Set(parseRealLabels(readFileSync(path.join(root, 'test/fixtures/real', file), 'utf8')).map((l) => l.doc));
    const [dev, sealed, sealed2] = ['dev.jsonl', 'sealed.jsonl', 'sealed-2.jsonl'].map(docsOf);
    for (const [a, b] of [[dev, sealed], [dev, sealed2], [sealed, sealed2]]) expect([...a].filter((d) => b.has(d))).toEqual([]);
  });
});

const SHARED = path.resolve(root, '../shared');
describe.skipIf(!existsSync(SHARED))('labels against the PDFs of ../shared', () => {
  it('every label of the development and sealed sets finds its paragraph in the current extraction', async () => {
    const { loadRealSet } = await import('../../../shared/cli/lib/labelled-documents');
    const { closeExtractionPool } = await import('../../../shared/core/extract/index');
    try {
      for (const file of ['dev.jsonl', 'sealed.jsonl', 'sealed-2.jsonl']) {
        const set = await loadRealSet(path.join(root, 'test/fixtures/real', file));
        expect(set.unmatched, file).toBe(0);
      }
    } finally {
      await closeExtractionPool();
    }
  }, 600_000);
});
