import { describe, expect, it } from 'vitest';
import { buildParagraphSet, variant } from '../../../bench/lib/paragraph-set';

const SOURCES = [
  'States agreed to lower the cost of remittances. They also welcomed digital transfer services. Competition was encouraged.',
  'Participants discussed return and readmission. Reintegration support was stressed.',
];

describe('buildParagraphSet', () => {
  it('builds exactly the requested number of paragraphs, cycling through the sources', () => {
    const set = buildParagraphSet(SOURCES, 7);
    expect(set).toHaveLength(7);
    expect(set[0]).toBe(SOURCES[0]);
    expect(set[1]).toBe(SOURCES[1]);
  });

  it('makes every copy differ from the earlier ones (no cache could serve a repeat)', () => {
    const set = buildParagraphSet(SOURCES, 40);
    expect(new Set(set).size).toBe(40);
  });

  it('is deterministic', () => {
    expect(buildParagraphSet(SOURCES, 20)).toEqual(buildParagraphSet(SOURCES, 20));
  });

  it('keeps the vocabulary of the source apart from one dropped word', () => {
    const words = new Set(SOURCES[0].split(' '));
    const v = variant(SOURCES[0], 3).split(' ');
    expect(v.length).toBe(words.size - 1);
    expect(v.every((w) => words.has(w))).toBe(true);
  });

  it('rejects sources with no text and a bad target', () => {
    expect(() => buildParagraphSet(['', '  '], 3)).toThrow(RangeError);
    expect(() => buildParagraphSet(SOURCES, -1)).toThrow(RangeError);
    expect(() => buildParagraphSet(SOURCES, 1.5)).toThrow(RangeError);
  });
});
