import { describe, expect, it } from 'vitest';
import { collapseWhitespace, mergeSpans, segments, snippetWithHighlights, spansOfTerms } from '../../../shared/app/highlights';

const marked = (text: string, spans: Array<[number, number]>) => spans.map(([s, e]) => text.slice(s, e));

describe('highlights', () => {
  it('merges overlapping and touching spans', () => {
    expect(mergeSpans([[5, 9], [0, 3], [2, 4], [9, 12], [20, 20]])).toEqual([[0, 4], [5, 12]]);
  });

  it('finds terms by their wording, with endings, proximity parts and wildcards', () => {
    const text = 'Traffickers were prosecuted; victims of trafficking were referred to shelters.';
    expect(marked(text, spansOfTerms(text, ['trafficker', 'refer* ~ shelters', 'victims of trafficking']))).toEqual([
      'Traffickers',
      'victims of trafficking',
      'referred',
      'shelters',
    ]);
    expect(spansOfTerms(text, ['smuggling'])).toEqual([]);
    // Regular-expression characters in a term are taken literally (a group would have matched "b" alone).
    expect(spansOfTerms('a (b) c', ['(b)'])).toEqual([[2, 5]]);
  });

  it('moves spans along when whitespace is collapsed', () => {
    const text = '  States \n will   combat trafficking. ';
    const start = text.indexOf('combat');
    const c = collapseWhitespace(text, [[start, start + 'combat trafficking'.length]]);
    expect(c.text).toBe('States will combat trafficking.');
    expect(marked(c.text, c.spans)).toEqual(['combat trafficking']);
  });

  it('cuts a long paragraph around its first span and keeps the spans that fall inside, relative to the snippet', () => {
    const text = `${'Preamble words '.repeat(40)}the smuggling of migrants is condemned ${'closing words '.repeat(40)}`;
    const at = text.indexOf('smuggling of migrants');
    const { snippet, highlights } = snippetWithHighlights(text, [[at, at + 21], [text.length - 12, text.length - 7]], 120);
    expect(snippet.startsWith('…') && snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(122);
    expect(marked(snippet, highlights)).toEqual(['smuggling of migrants']);
  });

  it('puts a short window where it shows the most terms whole, not only after the first one', () => {
    const text = `We condemn trafficking ${'and other words '.repeat(8)}including forced labour, servitude and debt bondage, which profit from human trafficking.`;
    const span = (term: string): [number, number] => [text.indexOf(term), text.indexOf(term) + term.length];
    const spans = [span('trafficking'), span('forced labour'), span('servitude'), span('debt bondage'), span('human trafficking')];
    const { snippet, highlights } = snippetWithHighlights(text, spans, 110);
    expect(snippet.length).toBeLessThanOrEqual(112);
    expect(marked(snippet, highlights)).toEqual(['forced labour', 'servitude', 'debt bondage', 'human trafficking']);
    // A window that starts exactly at a term keeps the term's first word.
    expect(snippetWithHighlights(`${'x '.repeat(80)}alpha beta`, [[160, 170]], 10).snippet).toBe('…alpha beta');
  });

  it('splits text into plain and marked pieces that join back to the text', () => {
    const text = 'combat trafficking and smuggling';
    const parts = segments(text, [[7, 18], [23, 32]]);
    expect(parts).toEqual([
      { text: 'combat ', mark: false },
      { text: 'trafficking', mark: true },
      { text: ' and ', mark: false },
      { text: 'smuggling', mark: true },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });
});
