import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CorruptVersionError, decodeVersionBody, encodeVersionBody, joinBody, MAX_BODY_BYTES_PER_ITEM, splitBody } from '../../../shared/adapters/dynamodb/version-codec';
import { decodeElementScores, encodeElementScores } from '../../../shared/adapters/dynamodb/element-scores';
import { paragraphKey } from '../../../shared/core/extract/paragraph-key';
import type { ElementSummary, ParagraphTags } from '../../../shared/app/types';

const elements: ElementSummary[] = [
  { element: 'k', theme: 6, paragraphCount: 5, bestScore: 0.95, score: 0.912, addresses: true, evidence: [3, 7, 9] },
  { element: 'c', theme: 5, paragraphCount: 1, bestScore: 0.41, score: 0.41, addresses: false, evidence: [2] },
];
const tags: ParagraphTags[] = [
  { index: 3, textKey: paragraphKey('States shall prevent trafficking in persons.'), tags: [{ element: 'k', theme: 6, score: 0.95, matchedTerms: ['trafficking in persons'], tfidfTerms: ['traffick'] }] },
  { index: 9, textKey: paragraphKey('Victims of trafficking receive assistance.'), tags: [{ element: 'k', theme: 6, score: 0.8, matchedTerms: [], tfidfTerms: ['victim', 'traffick'] }] },
  // Spans of the matched terms are kept when a tag has them (tags stored before spans were kept have none).
  { index: 12, textKey: paragraphKey('Smuggling of migrants is a crime.'), tags: [{ element: 'k', theme: 6, score: 0.7, matchedTerms: ['smuggling of migrants'], tfidfTerms: [], spans: [[0, 21]] }] },
];

describe('version body', () => {
  it('round-trips the summary and the tags, and is much smaller than the JSON', () => {
    const body = encodeVersionBody(elements, tags);
    expect(decodeVersionBody(body)).toEqual({ elements, tags });
    const many = Array.from({ length: 200 }, (_, i) => ({ ...tags[i % 2], index: i }));
    expect(encodeVersionBody(elements, many).length).toBeLessThan(JSON.stringify(many).length / 4);
  });

  it('refuses a body that is not one it wrote', () => {
    expect(() => decodeVersionBody(Buffer.from('not gzip'))).toThrow(CorruptVersionError);
  });

  it('splits only what does not fit in one item, and joins the parts back exactly', () => {
    const fits = randomBytes(MAX_BODY_BYTES_PER_ITEM);
    expect(splitBody(fits)).toHaveLength(1);
    const big = randomBytes(MAX_BODY_BYTES_PER_ITEM * 2 + 5);
    const parts = splitBody(big);
    expect(parts.map((p) => p.length)).toEqual([MAX_BODY_BYTES_PER_ITEM, MAX_BODY_BYTES_PER_ITEM, 5]);
    expect(joinBody(parts).equals(big)).toBe(true);
    // 400 KB is DynamoDB's limit for a whole item: a part leaves room for its keys and attributes.
    expect(MAX_BODY_BYTES_PER_ITEM).toBeLessThan(400 * 1024 - 4 * 1024);
  });
});

describe('element scores on the document item', () => {
  it('round-trips what listings, coverage and change reports read', () => {
    const text = encodeElementScores(elements);
    expect(text).toBe('k6+5:0.912 c5-1:0.41');
    expect(decodeElementScores(text)).toEqual(elements.map(({ bestScore: _b, evidence: _e, ...s }) => s));
    expect(decodeElementScores(undefined)).toEqual([]);
    expect(decodeElementScores('')).toEqual([]);
  });
});

describe('paragraph keys', () => {
  it('name the words, not the layout: whitespace and Unicode composition do not matter, other words do', () => {
    expect(paragraphKey('Migrant  workers\nand their families ')).toBe(paragraphKey('Migrant workers and their families'));
    expect(paragraphKey('Caf\u00e9 workers')).toBe(paragraphKey('Cafe\u0301 workers'));
    expect(paragraphKey('Migrant workers')).not.toBe(paragraphKey('migrant workers'));
    expect(paragraphKey('x')).toMatch(/^[0-9a-f]{16}$/);
  });
});
