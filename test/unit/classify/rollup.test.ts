import { describe, expect, it } from 'vitest';
import { summarise } from '../../../shared/core/classify/rollup';
import type { Tag } from '../../../shared/core/classify/types';

const rollup = { strongScore: 0.7, minParagraphs: 2, maxEvidence: 3, depthAt: 10, focusAt: 0.25 };
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
    // t: best 0.9, mass 3.0 over 5 body paragraphs → depth ln 4 / ln 11, focus 1.
    expect(t.score).toBeCloseTo(0.9 * (0.4 + 0.3 * (Math.log(4) / Math.log(11)) + 0.3), 3);
    // h: the same best probability, one paragraph → depth ln 1.9 / ln 11, focus 0.9 / 1.25.
    expect(out.find((s) => s.element === 'h')!.score).toBeCloseTo(0.9 * (0.4 + 0.3 * (Math.log(1.9) / Math.log(11)) + 0.3 * 0.72), 3);
    expect(out[0].element).toBe('t');
  });
});

describe('document ranking score', () => {
  const doc = (tagged: number[], bodyParagraphs: number) =>
    summarise(Array.from({ length: bodyParagraphs }, (_, i) => para(i, i < tagged.length ? [tag('l', tagged[i])] : [])), rollup)[0];

  it('puts a document about the element above one that mentions it once at the same probability', () => {
    const about = doc([0.9, 0.85, 0.8, 0.8, 0.75, 0.7], 20);
    const once = doc([0.9], 100);
    expect(about.bestScore).toBe(once.bestScore);
    expect(about.score).toBeGreaterThan(once.score + 0.2);
    expect(once.score).toBeLessThan(0.5);
  });

  it('never exceeds the best probability, and reaches it for a document fully about the element', () => {
    const full = doc(Array(12).fill(0.95), 12);
    expect(full.score).toBeCloseTo(0.95, 3);
    for (const d of [doc([0.9], 3), doc([0.6, 0.6], 40), full]) expect(d.score).toBeLessThanOrEqual(d.bestScore);
  });

  it('spreads documents that a best-probability score would tie', () => {
    const scores = [doc([0.99], 80), doc([0.99, 0.9], 60), doc([0.99, 0.9, 0.9, 0.8], 40), doc(Array(8).fill(0.99), 30)].map((d) => d.score);
    expect(new Set(scores).size).toBe(4);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
  });
});
