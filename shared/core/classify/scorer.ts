/**
 * The learned scorer: per element, a logistic regression over the dense features (weights shared by
 * all elements plus each element's own) and the paragraph's content stems (each element's own). Its
 * output is a probability that the paragraph addresses the element. The weights are model data
 * (model/scorer.json, written by `npm run train`), part of the classifier version.
 */
import type { ElementId } from '../taxonomy/types';
import { BASE_FEATURE_COUNT, baseFeatures, DENSE_FEATURE_NAMES, type FeatureInput } from './features';
import { applyScale, IDENTITY_SCALE, type PlattScale } from './calibration';

export interface ScorerModel {
  /** Dense feature names, in order: must equal DENSE_FEATURE_NAMES. */
  features: string[];
  /** Element order of the per-element arrays. */
  elements: ElementId[];
  shared: number[];
  perElement: Record<string, number[]>;
  /** Stems with a weight for at least one element. */
  vocabulary: string[];
  /** Per element, [vocabulary index, weight] pairs (zero weights left out). */
  stems: Record<string, Array<[number, number]>>;
  /** A paragraph of a document is tagged with an element when its probability reaches the element's threshold… */
  thresholds: Record<string, number>;
  /**
   * …and a paragraph classified on its own (no document around it) when it reaches this one: the
   * two kinds of input differ (short written paragraphs, long real ones), so each has thresholds
   * chosen out of fold on its own kind.
   */
  standaloneThresholds: Record<string, number>;
  /**
   * Platt scales fitted out of fold (calibration.ts), for paragraphs of documents and paragraphs
   * on their own: what turns the regression's output into a probability that means what it says.
   * Absent in models trained before it: no rescaling.
   */
  calibration?: { document: PlattScale; standalone: PlattScale };
}

export class ScorerModelError extends Error {
  override readonly name = 'ScorerModelError';
}

export interface Scorer {
  /** Probabilities for every element position (in the taxonomy's order); 0 where `open` is 0. */
  probabilities(input: FeatureInput, out?: Float64Array, open?: Uint8Array): Float64Array;
  threshold(position: number, standalone?: boolean): number;
}

export function createScorer(model: ScorerModel, elementIds: readonly ElementId[]): Scorer {
  if (model.features.join(',') !== DENSE_FEATURE_NAMES.join(',')) {
    throw new ScorerModelError('scorer model was trained on other features: run `npm run train`');
  }
  const n = elementIds.length;
  const f = DENSE_FEATURE_NAMES.length;
  // The second half of the features are copies of the first, non-zero only for a paragraph on its
  // own (features.ts): fold them into a second weight table so each feature is computed once.
  const b = BASE_FEATURE_COUNT;
  // One buffer for every call: a scorer serves one paragraph at a time.
  const features = new Float64Array(n * b);
  const inDocument = new Float64Array(n * b);
  const onItsOwn = new Float64Array(n * b);
  const thresholds = new Float64Array(n);
  const standaloneThresholds = new Float64Array(n);
  const modelPosition = new Map(model.elements.map((id, i) => [id, i]));
  elementIds.forEach((id, e) => {
    const own = model.perElement[id];
    if (!own || own.length !== f || !modelPosition.has(id)) throw new ScorerModelError(`scorer model has no weights for element ${id}`);
    for (let k = 0; k < b; k++) {
      inDocument[e * b + k] = model.shared[k] + own[k];
      onItsOwn[e * b + k] = inDocument[e * b + k] + model.shared[b + k] + own[b + k];
    }
    thresholds[e] = model.thresholds[id] ?? 0.5;
    standaloneThresholds[e] = model.standaloneThresholds?.[id] ?? thresholds[e];
  });
  const documentScale = model.calibration?.document ?? IDENTITY_SCALE;
  const standaloneScale = model.calibration?.standalone ?? IDENTITY_SCALE;
  const stemWeights = new Map<string, Float64Array>();
  elementIds.forEach((id, e) => {
    for (const [v, w] of model.stems[id] ?? []) {
      const stem = model.vocabulary[v];
      let row = stemWeights.get(stem);
      if (!row) stemWeights.set(stem, (row = new Float64Array(n)));
      row[e] = w;
    }
  });

  return {
    probabilities(input, out = new Float64Array(n), open) {
      out.fill(0);
      const { stems, stemValues } = input.evidence;
      for (let k = 0; k < stems.length; k++) {
        const row = stemWeights.get(stems[k]);
        if (row) for (let e = 0; e < n; e++) out[e] += row[e] * stemValues[k];
      }
      const weights = input.context.standalone ? onItsOwn : inDocument;
      const scale = input.context.standalone ? standaloneScale : documentScale;
      baseFeatures(input, n, features);
      for (let e = 0; e < n; e++) {
        if (open && !open[e]) {
          out[e] = 0;
          continue;
        }
        let z = out[e];
        const base = e * b;
        for (let k = 0; k < b; k++) z += weights[base + k] * features[base + k];
        out[e] = applyScale(scale, z);
      }
      return out;
    },
    threshold: (e, standalone = false) => (standalone ? standaloneThresholds[e] : thresholds[e]),
  };
}
