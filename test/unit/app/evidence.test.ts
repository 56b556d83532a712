import { describe, expect, it } from 'vitest';
import { buildIndexEntries, snippetOf } from '../../../shared/app/evidence';
import type { ElementSummary, StoredParagraph } from '../../../shared/app/types';

describe('snippetOf', () => {
  it('keeps short paragraphs whole and collapses whitespace', () => {
    expect(snippetOf('States  will\ncombat trafficking.', ['trafficking'])).toBe('States will combat trafficking.');
  });

  it('cuts long paragraphs around the first matched term, at word boundaries', () => {
    const text = `${'Preamble words '.repeat(40)}the smuggling of migrants is condemned ${'closing words '.repeat(40)}`;
    const s = snippetOf(text, ['smuggling of migrants'], 120);
    expect(s).toContain('smuggling of migrants');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(122);
    expect(s.slice(1, -1)).toMatch(/^\S.*\S$/);
  });
});

describe('buildIndexEntries', () => {
  const para = (index: number, tags: Array<[string, number, number]>): StoredParagraph => ({
    index,
    number: String(index),
    page: 1,
    pageEnd: 1,
    kind: 'operative',
    text: `paragraph ${index} on trafficking and remittances`,
    tags: tags.map(([element, theme, score]) => ({ element, theme, score, matchedTerms: ['trafficking'], tfidfTerms: [] })) as StoredParagraph['tags'],
  });
  const summary = (element: string, theme: number, score: number, addresses: boolean, evidence: number[]): ElementSummary =>
    ({ element, theme, paragraphCount: evidence.length, bestScore: score, score, addresses, evidence }) as ElementSummary;

  it('indexes addressed elements only, and each theme by its best element', () => {
    const paragraphs = [para(0, [['k', 6, 0.9]]), para(1, [['l', 6, 0.6], ['k', 6, 0.5]]), para(2, [['h', 4, 0.3]])];
    const entries = buildIndexEntries(
      [summary('k', 6, 0.9, true, [0, 1]), summary('l', 6, 0.6, true, [1]), summary('h', 4, 0.3, false, [2])],
      paragraphs,
    );
    const byTarget = Object.fromEntries(entries.map((e) => [`${e.target.kind}:${e.target.id}`, e]));
    expect(Object.keys(byTarget).sort()).toEqual(['element:k', 'element:l', 'theme:6']);
    expect(byTarget['element:k'].evidence.map((e) => [e.index, e.score])).toEqual([[0, 0.9], [1, 0.5]]);
    expect(byTarget['theme:6']).toMatchObject({ score: 0.9, paragraphCount: 2 });
    // Theme evidence: best paragraphs first, each paragraph once.
    expect(byTarget['theme:6'].evidence.map((e) => e.index)).toEqual([0, 1]);
  });
});
