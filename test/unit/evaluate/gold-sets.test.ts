import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../shared/core/classify/index';
import { evaluateClassifier, parseGold } from '../../../shared/core/evaluate/index';

const root = path.resolve(import.meta.dirname, '../../..');
const fixture = path.join(root, 'test/fixtures/labelled/paragraphs.jsonl');
const dev = path.resolve(root, '../shared/eval/dev.jsonl');
/** 209 paragraphs in the styles of resolutions, chairs' summaries, GFMD and IOM evaluation reports. */

/**
 * Floors for the project's written sets: the figures the keyword classifier measured at its fourth
 * pass minus about 0.03. Since the learned scorer, realistic, realistic-2, realistic-3 and the
 * shared dev set are TRAINING data (`npm run train`), so their floors only guard against a broken
 * model; realistic-4 and paragraphs.jsonl stay held out, and their floors are the real check that
 * written held-out quality did not drop. Figures: shared/core/classify/README.md.
 */
interface Floors {
  microF1: number;
  precision: number;
  recall?: number;
  macroF1?: number;
  /** Most element-free paragraphs allowed to get a tag (procedural text, other senses of a word). */
  spurious: number;
}
const REALISTIC_SETS: Array<{ file: string; about: string; floors: Floors }> = [
  // Training data of the scorer. The keyword classifier measured 0.881 / 0.827 / 0.942 / macro 0.893, 3 of 56 element-free tagged.
  { file: 'realistic.jsonl', about: '209 paragraphs in the styles of resolutions, chairs\' summaries, GFMD and IOM reports', floors: { microF1: 0.851, precision: 0.797, recall: 0.912, macroF1: 0.863, spurious: 5 } },
  // Training data. The keyword classifier measured 0.800 / 0.863, 1 of 17 element-free tagged.
  { file: 'realistic-2.jsonl', about: '71 paragraphs', floors: { microF1: 0.77, precision: 0.833, spurious: 2 } },
  // Training data. The keyword classifier measured 0.895 / 0.917 / 0.875 / macro 0.906, 2 of 25.
  { file: 'realistic-3.jsonl', about: '102 paragraphs of paraphrase', floors: { microF1: 0.865, precision: 0.887, recall: 0.845, macroF1: 0.876, spurious: 3 } },
  // HELD OUT (never trained on). The keyword classifier measured 0.752 / 0.933 / 0.629 / macro 0.736, 0 of 26; the learned scorer 0.787 / 0.924 / 0.685.
  { file: 'realistic-4.jsonl', about: '106 paragraphs of paraphrase in the genres of dev.jsonl', floors: { microF1: 0.722, precision: 0.903, recall: 0.599, macroF1: 0.706, spurious: 2 } },
];

describe('quality on labelled paragraphs', () => {
  it('meets the targets on the project fixture set (sentences written for these tests, held out)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(fixture, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.8);
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.spuriousItems).toBe(0);
  });

  for (const { file, about, floors } of REALISTIC_SETS) {
    it(`keeps its measured quality on ${file} (${about})`, () => {
      const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(path.join(root, 'test/fixtures/labelled', file), 'utf8')));
      expect(r.micro.f1).toBeGreaterThanOrEqual(floors.microF1);
      expect(r.micro.precision).toBeGreaterThanOrEqual(floors.precision);
      if (floors.recall !== undefined) expect(r.micro.recall).toBeGreaterThanOrEqual(floors.recall);
      if (floors.macroF1 !== undefined) expect(r.macro.f1).toBeGreaterThanOrEqual(floors.macroF1);
      expect(r.spuriousItems).toBeLessThanOrEqual(floors.spurious);
    });
  }

  describe.skipIf(!existsSync(dev))('shared dev set', () => {
    it('reaches micro-F1 ≥ 0.80, macro-F1 ≥ 0.75, no element below 0.50, precision ≥ recall − 0.1 (training data: a sanity check)', () => {
      const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(dev, 'utf8')));
      expect(r.micro.f1).toBeGreaterThanOrEqual(0.8);
      expect(r.macro.f1).toBeGreaterThanOrEqual(0.75);
      for (const [e, m] of Object.entries(r.elements)) expect(m.f1, `element ${e}`).toBeGreaterThanOrEqual(0.5);
      expect(r.micro.precision).toBeGreaterThanOrEqual(r.micro.recall - 0.1);
    });
  });
});
