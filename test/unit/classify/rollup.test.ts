import { describe, expect, it } from 'vitest';
import { summarise } from '../../../shared/core/classify/rollup';
import type { Tag } from '../../../shared/core/classify/types';

const rollup = { strongScore: 0.7, minParagraphs: 2, maxEvidence: 3 };
const tag = (element: Tag['element'], score: number): Tag => ({ element, theme: 4, score, keywordHits: [], tfidfTerms: [], classifierVersion: 't' });
const para = (index: number, tags: Tag[], kind = 'body') => ({ index, text: '', kind, tags });

describe('document roll-up (addresses rule)', () => {
  it('addresses an element with one strong paragraph', () => {
    const [h] = summarise([para(0, [tag('h', 0.9)]), para(1, [])], rollup);
    expect(h).toMatchObject({ element: 'h', paragraphCount: 1, bestScore: 0.9, addresses: true, evidence: [0] });
  });

  it('does not address an element with a single weak paragraph', () => {
    const [h] = summarise([para(0, [tag('h', 0.6)])], rollup);
    expect(h.addresses).toBe(false);
  });

  it('addresses an element with two weak paragraphs', () => {
    const [h] = summarise([para(0, [tag('h', 0.6)]), para(3, [tag('h', 0.65)])], rollup);
    expect(h.addresses).toBe(true);
    expect(h.evidence).toEqual([3, 0]);
  });

  it('ignores headings as evidence', () => {
    expect(summarise([para(0, [tag('h', 0.95)], 'heading')], rollup)).toEqual([]);
    const [h] = summarise([para(0, [tag('h', 0.95)], 'heading'), para(1, [tag('h', 0.6)])], rollup);
    expect(h).toMatchObject({ paragraphCount: 1, addresses: false, evidence: [1] });
  });

  it('keeps at most three evidence paragraphs, best first, and ranks corroborated elements higher', () => {
    const paras = [0.6, 0.9, 0.7, 0.8].map((s, i) => para(i, [tag('t', s)]));
    paras.push(para(9, [tag('h', 0.9)]));
    const out = summarise(paras, rollup);
    const t = out.find((s) => s.element === 't')!;
    expect(t.evidence).toEqual([1, 3, 2]);
    expect(t.score).toBeCloseTo(0.9);
    expect(out.find((s) => s.element === 'h')!.score).toBeCloseTo(0.72);
    expect(out[0].element).toBe('t');
  });
});
