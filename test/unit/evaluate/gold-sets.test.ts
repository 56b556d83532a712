import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../shared/core/classify/index';
import { evaluateClassifier, parseGold } from '../../../shared/core/evaluate/index';

const root = path.resolve(import.meta.dirname, '../../..');
const fixture = path.join(root, 'test/fixtures/labelled/paragraphs.jsonl');
const dev = path.resolve(root, '../shared/eval/dev.jsonl');

describe('quality on labelled paragraphs', () => {
  it('meets the targets on the project fixture set (sentences written for these tests)', () => {
    const r = evaluateClassifier(loadClassifier(), parseGold(readFileSync(fixture, 'utf8')));
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.8);
    expect(r.micro.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.spuriousItems).toBe(0);
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
