import { describe, expect, it } from 'vitest';
import { fitLogistic, predictRow } from '../../../shared/core/classify/train/logistic';
import { chooseThresholds } from '../../../shared/core/classify/train/thresholds';
import { trainScorer } from '../../../shared/core/classify/train/train';
import type { LabelledDocument, ParagraphPrediction, TrainingRow } from '../../../shared/core/classify/train/types';
import { createScorer, ScorerModelError, type ScorerModel } from '../../../shared/core/classify/scorer';
import { createEvidenceExtractor } from '../../../shared/core/classify/evidence';
import { defaultClassifierData } from '../../../shared/core/classify/index';
import { DENSE_FEATURE_NAMES } from '../../../shared/core/classify/features';
import type { ElementId } from '../../../shared/core/taxonomy/types';

const OPTIONS = { elements: 2, features: 2, vocabulary: 3, l2Shared: 1e-4, l2Element: 1e-3, l2Stem: 1e-4, iterations: 300, learningRate: 0.05 };

/** Rows where element 0 is positive when dense feature 1 is high, element 1 when stem 2 occurs. */
function rows(): TrainingRow[] {
  const out: TrainingRow[] = [];
  for (let i = 0; i < 200; i++) {
    const x = (i % 10) / 9;
    const hasStem = i % 3 === 0;
    const stems = hasStem ? Int32Array.of(2) : Int32Array.of(0);
    const stemValues = Float64Array.of(1);
    out.push({ element: 0, dense: Float64Array.of(1, x), stems, stemValues, label: x > 0.5 ? 1 : 0, weight: 1 });
    out.push({ element: 1, dense: Float64Array.of(1, x), stems, stemValues, label: hasStem ? 1 : 0, weight: 1 });
  }
  return out;
}

describe('logistic regression with shared, per-element and stem weights', () => {
  it('learns a dense signal for one element and a word for another', () => {
    const data = rows();
    const w = fitLogistic(data, OPTIONS);
    const p = (r: TrainingRow) => predictRow(w, r, 2, 3);
    const el0 = data.filter((r) => r.element === 0);
    const el1 = data.filter((r) => r.element === 1);
    const accuracy = (rs: TrainingRow[]) => rs.filter((r) => (p(r) >= 0.5 ? 1 : 0) === r.label).length / rs.length;
    expect(accuracy(el0)).toBeGreaterThan(0.95);
    expect(accuracy(el1)).toBeGreaterThan(0.95);
    // Stem 2 speaks for element 1 only.
    expect(w.stems[1 * 3 + 2]).toBeGreaterThan(1);
    expect(Math.abs(w.stems[0 * 3 + 2])).toBeLessThan(w.stems[1 * 3 + 2]);
  });

  it('is deterministic, and a stronger penalty keeps the weights smaller', () => {
    const a = fitLogistic(rows(), OPTIONS);
    const b = fitLogistic(rows(), OPTIONS);
    expect(Array.from(a.stems)).toEqual(Array.from(b.stems));
    const strong = fitLogistic(rows(), { ...OPTIONS, l2Stem: 1e-1 });
    expect(Math.abs(strong.stems[5])).toBeLessThan(Math.abs(a.stems[5]));
  });
});

describe('threshold choice on out-of-fold predictions', () => {
  const ids = ['a', 'b'] as ElementId[];
  const prediction = (pa: number, pb: number, gold: string[]): ParagraphPrediction => ({
    document: 'd', index: 0, source: 'real', gold: new Set(gold as ElementId[]), probabilities: Float64Array.of(pa, pb),
  });

  it('meets the precision target when some threshold can, and never goes below the global threshold per element', () => {
    const preds: ParagraphPrediction[] = [];
    // Positives of a around 0.8, negatives spread up to 0.6; b has a few positives at 0.3.
    for (let i = 0; i < 40; i++) preds.push(prediction(0.7 + (i % 5) * 0.05, 0.1, ['a']));
    for (let i = 0; i < 60; i++) preds.push(prediction(0.2 + (i % 9) * 0.05, 0.1, []));
    for (let i = 0; i < 3; i++) preds.push(prediction(0.1, 0.3, ['b']));
    const t = chooseThresholds(preds, ids, 0.9, 30);
    expect(t.atGlobal.precision).toBeGreaterThanOrEqual(0.9);
    expect(t.global).toBeGreaterThan(0.6);
    expect(t.perElement.b).toBeGreaterThanOrEqual(t.global);
  });
});

describe('scorer model data', () => {
  const ids = defaultClassifierData().bundle.taxonomy.elements.map((e) => e.id);
  const zeros = () => DENSE_FEATURE_NAMES.map(() => 0);
  const model = (over: Partial<ScorerModel> = {}): ScorerModel => ({
    features: [...DENSE_FEATURE_NAMES],
    elements: [...ids],
    shared: zeros(),
    perElement: Object.fromEntries(ids.map((id) => [id, zeros()])),
    vocabulary: [],
    stems: {},
    thresholds: {},
    standaloneThresholds: {},
    ...over,
  });

  it('refuses a model trained on other features or missing an element', () => {
    expect(() => createScorer(model({ features: ['bias'] }), ids)).toThrow(ScorerModelError);
    const { x: _x, ...perElement } = model().perElement;
    expect(() => createScorer(model({ perElement }), ids)).toThrow(ScorerModelError);
    expect(() => createScorer(model(), ids)).not.toThrow();
  });
});

describe('training on a small labelled set', () => {
  const extractor = createEvidenceExtractor(defaultClassifierData());
  const doc = (id: string, paragraphs: Array<[string, ElementId[]]>, source: 'real' | 'written' = 'real'): LabelledDocument => ({
    id, source, paragraphs: paragraphs.map(([text, elements], index) => ({ index, text, elements })),
  });
  const documents: LabelledDocument[] = [];
  for (let i = 0; i < 8; i++) {
    documents.push(doc(`r${i}`, [
      [`Migrant workers send remittances home; lowering the cost of transfers in corridor ${i} helps their families.`, ['h']],
      [`States will combat trafficking in persons and protect victims of trafficking in region ${i}.`, ['k', 'l']],
      [`The meeting of group ${i} adopted its agenda and elected its bureau.`, []],
    ]));
  }

  it('cross-validates by document, writes a model the scorer accepts, and reports what it measured', () => {
    const { model, report } = trainScorer(extractor, documents, { folds: 4, iterations: 100 });
    expect(report.folds).toBe(4);
    expect(report.data.paragraphs.real).toBe(24);
    expect(report.crossValidated.real.paragraphs).toBe(24);
    expect(report.crossValidated.real.micro.f1).toBeGreaterThan(0.8);
    const scorer = createScorer(model, extractor.elementIds);
    expect(scorer.threshold(extractor.elementIds.indexOf('h'))).toBeGreaterThan(0);
    expect(model.features).toEqual(DENSE_FEATURE_NAMES);
  });
});
