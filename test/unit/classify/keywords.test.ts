import { describe, expect, it } from 'vitest';
import type { Lexicon } from '../../../shared/core/taxonomy/lexicon-types';
import { KeywordMatcher } from '../../../shared/core/classify/lexicon/keywords';
import { analyse } from '../../../shared/core/classify/text/analyse';

// A tiny lexicon written for these tests, so that they exercise the matcher, not the GCM data.
const lexicon = {
  language: 'en',
  globalNegatives: ['global compact for safe orderly and regular migration'],
  procedural: [['coffee break', 1]],
  elements: {
    h: { terms: [['remittance*', 1], ['transfer costs', 0.8], ['cost ~ sending money', 0.7]], negatives: ['remittance of contributions'] },
    k: { terms: [['trafficking', 0.7], ['trafficking in persons', 1]], negatives: ['drug trafficking'] },
    m: { terms: [['irregular migration', 1], ['migration', 0.2]], negatives: [] },
    e: { terms: [['safe orderly and regular migration', 0.5]], negatives: [] },
    s: { terms: [['return', 0.3]], negatives: ['return on investment', 'in return'] },
  },
} as unknown as Lexicon;

const matcher = new KeywordMatcher(lexicon, { window: 8 });
const run = (text: string) => {
  const a = analyse(text, 'en');
  const r = matcher.match(a.tokens);
  const hits = (el: string) =>
    (r.byElement.get(el as 'h') ?? []).map((m) => text.slice(a.tokens[m.ranges[0][0]].start, a.tokens[Math.max(...m.ranges.map((x) => x[1])) - 1].end));
  return { hits, procedural: r.procedural };
};

describe('keyword matching', () => {
  it('matches stemmed phrases and prefixes, with spans in the original text', () => {
    const { hits } = run('Lowering transfer costs for Remittances matters.');
    expect(hits('h')).toEqual(['transfer costs', 'Remittances']);
  });

  it('lets function words sit between content words', () => {
    expect(run('the costs of transfers fell').hits('h')).toEqual([]);
    expect(run('high transfer of costs').hits('h')).toEqual(['transfer of costs']);
  });

  it('prefers the longest match', () => {
    const { hits } = run('Trafficking in persons is a crime.');
    expect(hits('k')).toEqual(['Trafficking in persons']);
    expect(run('Irregular migration fell.').hits('m')).toEqual(['Irregular migration']);
  });

  it('lets negative phrases suppress the hits they overlap', () => {
    expect(run('They discussed drug trafficking at sea.').hits('k')).toEqual([]);
    expect(run('the remittance of contributions to the fund').hits('h')).toEqual([]);
    expect(run('the return on investment was high').hits('s')).toEqual([]);
    expect(run('In return, lunch will be served.').hits('s')).toEqual([]);
    expect(run('drug trafficking and trafficking in persons').hits('k')).toEqual(['trafficking in persons']);
  });

  it('lets global negatives cancel only hits wholly inside them', () => {
    expect(run('the Global Compact for Safe, Orderly and Regular Migration').hits('e')).toEqual([]);
    expect(run('making migration safe, orderly and regular migration').hits('e')).toEqual(['safe, orderly and regular migration']);
  });

  it('matches proximity patterns only inside the window', () => {
    expect(run('the cost of sending money').hits('h')).toEqual(['cost of sending money']);
    expect(run('the cost of living rose in every region of the world while those sending money home').hits('h')).toEqual([]);
  });

  it('reports procedural cues', () => {
    expect(run('There will be a coffee break.').procedural).toBe(1);
    expect(run('Remittances rose.').procedural).toBe(0);
  });
});
