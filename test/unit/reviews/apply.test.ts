import { describe, expect, it } from 'vitest';
import { applyToElements, applyToParagraphs } from '../../../shared/app/reviews/apply';
import { paragraphTextKey } from '../../../shared/app/reviews/text-key';
import type { ReviewDecision, ReviewVerdict } from '../../../shared/app/reviews/types';
import type { ElementId, ThemeId } from '../../../shared/core/taxonomy/types';
import type { ElementSummary, StoredParagraph } from '../../../shared/app/types';

const THEMES: Partial<Record<ElementId, ThemeId>> = { k: 6, l: 6, j: 3, h: 4 };
const themeOf = (e: ElementId) => THEMES[e] ?? 1;

const para = (index: number, text: string, tags: Array<[ElementId, number]>): StoredParagraph => ({
  index,
  number: String(index),
  page: 1,
  pageEnd: 1,
  kind: 'operative',
  text,
  tags: tags.map(([element, score]) => ({ element, theme: themeOf(element), score, matchedTerms: ['x'], tfidfTerms: [] })),
});

const decision = (text: string, element: ElementId, verdict: ReviewVerdict): ReviewDecision => ({
  documentId: 'd'.repeat(64),
  textKey: paragraphTextKey(text),
  element,
  verdict,
  reviewer: { id: 'ana', name: 'Ana' },
  at: '2026-12-01T10:00:00.000Z',
  paragraph: { index: 0, number: null, page: 1, text },
  version: 'v1',
  machineElements: [],
});

describe('paragraphTextKey', () => {
  it('names the words, not their spacing or Unicode composition', () => {
    expect(paragraphTextKey('States  will\ncombat trafficking. ')).toBe(paragraphTextKey('States will combat trafficking.'));
    expect(paragraphTextKey('Caf\u00e9 workers')).toBe(paragraphTextKey('Cafe\u0301 workers'));
    expect(paragraphTextKey('States will combat trafficking.')).not.toBe(paragraphTextKey('States will combat smuggling.'));
    expect(paragraphTextKey('x')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('applyToParagraphs', () => {
  const A = 'We condemn trafficking in persons.';
  const B = 'Border agencies will cooperate.';
  const paragraphs = [para(0, A, [['k', 0.9], ['l', 0.4]]), para(1, B, [['k', 0.3]]), para(2, 'Other text.', [])];

  it('moves rejected machine tags aside, marks confirmed ones, and adds what reviewers added', () => {
    const served = applyToParagraphs(paragraphs, [decision(A, 'l', 'reject'), decision(A, 'k', 'confirm'), decision(B, 'j', 'add')], themeOf);
    expect(served[0].tags.map((t) => [t.element, t.source, t.review?.verdict])).toEqual([['k', 'machine', 'confirm']]);
    expect(served[0].rejected.map((t) => [t.element, t.review.reviewer.name])).toEqual([['l', 'Ana']]);
    expect(served[1].tags.map((t) => [t.element, t.source, t.score, t.theme])).toEqual([
      ['k', 'machine', 0.3, 6],
      ['j', 'reviewer', null, 3],
    ]);
    expect(served[2].tags).toEqual([]);
    expect(served[2].textKey).toBe(paragraphTextKey('Other text.'));
  });

  it('applies a decision wherever the same text is, whatever its index or version', () => {
    const moved = [para(7, `  ${A.replace(' ', '\n')}`, [['k', 0.8]])];
    const served = applyToParagraphs(moved, [decision(A, 'k', 'reject')], themeOf);
    expect(served[0].tags).toEqual([]);
    expect(served[0].rejected.map((t) => t.element)).toEqual(['k']);
  });

  it('leaves paragraphs without decisions exactly as stored', () => {
    const served = applyToParagraphs(paragraphs, [], themeOf);
    expect(served.map((p) => p.tags.map((t) => ({ element: t.element, score: t.score, source: t.source })))).toEqual([
      [{ element: 'k', score: 0.9, source: 'machine' }, { element: 'l', score: 0.4, source: 'machine' }],
      [{ element: 'k', score: 0.3, source: 'machine' }],
      [],
    ]);
  });
});

describe('applyToElements', () => {
  const summary = (element: ElementId, addresses: boolean, paragraphCount: number, score: number): ElementSummary => ({
    element,
    theme: themeOf(element),
    paragraphCount,
    bestScore: score,
    score,
    addresses,
    evidence: [],
  });
  const A = 'Paragraph A.';
  const B = 'Paragraph B.';
  const paragraphs = [para(0, A, [['k', 0.9]]), para(1, B, [['k', 0.8], ['h', 0.2]])];
  const machine = [summary('k', true, 2, 0.9), summary('h', false, 1, 0.2)];

  it('keeps an element while one paragraph still carries it, and drops it once every one is rejected', () => {
    const one = applyToElements(machine, applyToParagraphs(paragraphs, [decision(A, 'k', 'reject')], themeOf));
    expect(one.find((e) => e.element === 'k')).toMatchObject({ addresses: true, paragraphCount: 1 });
    const all = applyToElements(machine, applyToParagraphs(paragraphs, [decision(A, 'k', 'reject'), decision(B, 'k', 'reject')], themeOf));
    expect(all.find((e) => e.element === 'k')).toMatchObject({ addresses: false, paragraphCount: 0, review: 'rejected', machine: { addresses: true, paragraphCount: 2 } });
  });

  it('counts an element a reviewer added or confirmed below the threshold as addressed', () => {
    const served = applyToElements(machine, applyToParagraphs(paragraphs, [decision(A, 'j', 'add'), decision(B, 'h', 'confirm')], themeOf));
    expect(served.find((e) => e.element === 'j')).toMatchObject({ addresses: true, score: null, review: 'added', paragraphCount: 1 });
    expect(served.find((e) => e.element === 'h')).toMatchObject({ addresses: true, score: 0.2, review: 'added' });
    expect(served.find((e) => e.element === 'k')).toMatchObject({ addresses: true, paragraphCount: 2 });
    expect(served.find((e) => e.element === 'k')!.review).toBeUndefined();
  });
});
