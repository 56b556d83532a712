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
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.858); // measured 0.888
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.814); // measured 0.844
    expect(r.micro.recall).toBeGreaterThanOrEqual(0.906); // measured 0.936
    expect(r.macro.f1).toBeGreaterThanOrEqual(0.868); // measured 0.898
    // Procedural paragraphs and other senses ("drug trafficking", "return on investment", "data
    // protection", refugee repatriation…): at most 6 of the 56 element-free paragraphs get a tag.
    expect(r.spuriousItems).toBeLessThanOrEqual(4); // measured 2
  });

  it('keeps its measured quality on the second realistic set (71 paragraphs, held out from tuning)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(realistic2, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.688); // measured 0.718
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.811); // measured 0.841
    expect(r.spuriousItems).toBeLessThanOrEqual(2); // measured 1 of 17 element-free paragraphs
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
