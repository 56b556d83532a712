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
/** 102 paragraphs of paraphrase (25 element-free); held out in the third pass, development data in the fourth. */
const realistic3 = path.join(root, 'test/fixtures/labelled/realistic-3.jsonl');
/** 106 paragraphs of paraphrase (26 element-free), labelled before the fourth pass and never used for tuning. */
const realistic4 = path.join(root, 'test/fixtures/labelled/realistic-4.jsonl');

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
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.851); // measured 0.881 (0.882 before the fourth pass)
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.797); // measured 0.827 (0.824 before)
    expect(r.micro.recall).toBeGreaterThanOrEqual(0.912); // measured 0.942 (0.948 before)
    expect(r.macro.f1).toBeGreaterThanOrEqual(0.863); // measured 0.893 (0.892 before)
    // Procedural paragraphs and other senses ("drug trafficking", "return on investment", "data
    // protection", refugee repatriation…): at most 6 of the 56 element-free paragraphs get a tag.
    expect(r.spuriousItems).toBeLessThanOrEqual(5); // measured 3 (4 before the fourth pass)
  });

  // realistic-2 was used for calibration in the third pass (its figures are no longer held out).
  it('keeps its measured quality on the second realistic set (71 paragraphs)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(realistic2, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.77); // measured 0.800 (0.789 before the fourth pass)
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.833); // measured 0.863 (0.860 before)
    expect(r.spuriousItems).toBeLessThanOrEqual(2); // measured 1 of 17 element-free paragraphs
  });

  // realistic-3 was the held-out set of the third pass; the fourth pass diagnosed its misses and
  // calibrated on it, so these figures are in-sample now.
  it('keeps its measured quality on the third paraphrase set (102 paragraphs)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(realistic3, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.865); // measured 0.895 (0.632 before the fourth pass)
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.887); // measured 0.917 (0.896 before)
    expect(r.micro.recall).toBeGreaterThanOrEqual(0.845); // measured 0.875 (0.489 before)
    expect(r.macro.f1).toBeGreaterThanOrEqual(0.876); // measured 0.906 (0.594 before)
    expect(r.spuriousItems).toBeLessThanOrEqual(3); // measured 2 of 25 element-free paragraphs
  });

  // realistic-4 is the held-out set of the fourth pass: paraphrase in the genres of dev.jsonl,
  // written and labelled before any change and read only through aggregate figures.
  it('keeps its measured quality on the held-out paraphrase set of the fourth pass (106 paragraphs)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(realistic4, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.722); // measured 0.752 (0.565 before the fourth pass)
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.903); // measured 0.933 (0.881 before)
    expect(r.micro.recall).toBeGreaterThanOrEqual(0.599); // measured 0.629 (0.416 before)
    expect(r.macro.f1).toBeGreaterThanOrEqual(0.706); // measured 0.736 (0.516 before)
    expect(r.spuriousItems).toBeLessThanOrEqual(2); // measured 0 of 26 element-free paragraphs
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
