import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../shared/core/classify/index';
import { evaluateClassifier, parseGold } from '../../../shared/core/evaluate/index';

const root = path.resolve(import.meta.dirname, '../../..');
const fixture = path.join(root, 'test/fixtures/labelled/paragraphs.jsonl');
const dev = path.resolve(root, '../shared/eval/dev.jsonl');
/** 209 paragraphs in the styles of resolutions, chairs' summaries, GFMD and IOM evaluation reports. */
const realistic = path.join(root, 'test/fixtures/labelled/realistic.jsonl');
const realistic2 = path.join(root, 'test/fixtures/labelled/realistic-2.jsonl');
/** 102 paragraphs of paraphrase (25 element-free), labelled first and never used for tuning. */
const realistic3 = path.join(root, 'test/fixtures/labelled/realistic-3.jsonl');

describe('quality on labelled paragraphs', () => {
  it('meets the targets on the project fixture set (sentences written for these tests)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(fixture, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.8);
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.spuriousItems).toBe(0);
  });

  // Floors are the figures measured minus about 0.03, so that a
  // lexicon or scoring change that loses generalisation fails here. realistic.jsonl was used for
  // calibration (in-sample); realistic-2.jsonl was held out until the end (see the classifier README).
  it('keeps its measured quality on the realistic set (209 paragraphs, 56 with no element)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(realistic, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.852); // measured 0.882 (0.888 before the third pass)
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.794); // measured 0.824 (0.844 before)
    expect(r.micro.recall).toBeGreaterThanOrEqual(0.918); // measured 0.948 (0.936 before)
    expect(r.macro.f1).toBeGreaterThanOrEqual(0.862); // measured 0.892
    // Procedural paragraphs and other senses ("drug trafficking", "return on investment", "data
    // protection", refugee repatriation…): at most 6 of the 56 element-free paragraphs get a tag.
    expect(r.spuriousItems).toBeLessThanOrEqual(5); // measured 4 (2 before the third pass)
  });

  // realistic-2 was used for calibration in the third pass (its figures are no longer held out).
  it('keeps its measured quality on the second realistic set (71 paragraphs)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(realistic2, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.759); // measured 0.789
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.83); // measured 0.860
    expect(r.spuriousItems).toBeLessThanOrEqual(2); // measured 1 of 17 element-free paragraphs
  });

  // realistic-3 is the held-out set of the third pass: paraphrase that avoids the lexicon's phrases.
  it('keeps its measured quality on the held-out paraphrase set (102 paragraphs)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(realistic3, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.602); // measured 0.632 (0.534 before the third pass)
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.866); // measured 0.896
    expect(r.micro.recall).toBeGreaterThanOrEqual(0.459); // measured 0.489
    expect(r.macro.f1).toBeGreaterThanOrEqual(0.564); // measured 0.594
    expect(r.spuriousItems).toBeLessThanOrEqual(3); // measured 2 of 25 element-free paragraphs
  });

  describe.skipIf(!existsSync(dev))('shared dev set', () => {
    it('reaches micro-F1 ≥ 0.80, macro-F1 ≥ 0.75, no element below 0.50, precision ≥ recall − 0.1', () => {
      const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(dev, 'utf8')));
      expect(r.micro.f1).toBeGreaterThanOrEqual(0.8);
      expect(r.macro.f1).toBeGreaterThanOrEqual(0.75);
      for (const [e, m] of Object.entries(r.elements)) expect(m.f1, `element ${e}`).toBeGreaterThanOrEqual(0.5);
      expect(r.micro.precision).toBeGreaterThanOrEqual(r.micro.recall - 0.1);
    });
  });
});
