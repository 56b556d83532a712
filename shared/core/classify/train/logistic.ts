/**
 * L2-regularised logistic regression with three blocks of weights, fitted by full-batch Adam:
 *   z(row) = (shared + own[element]) · dense + Σ stem[element][v] · value(v) over the row's stems
 * The shared block learns what evidence means for every element ("a strong lexicon hit in a
 * paragraph on migrants"); each element's own block and stem weights learn what is particular to
 * it. Elements with few labelled positives lean on the shared block, held back by stronger
 * penalties on their own weights. Deterministic: the same rows give the same weights.
 */
import type { TrainingRow } from './types';

export interface LogisticOptions {
  elements: number;
  features: number;
  vocabulary: number;
  /** L2 penalties of the shared dense weights (bias excluded), each element's own dense weights, stem weights. */
  l2Shared: number;
  l2Element: number;
  l2Stem: number;
  iterations: number;
  learningRate: number;
}

export interface LogisticWeights {
  shared: Float64Array;
  /** element-major: element × features */
  own: Float64Array;
  /** element-major: element × vocabulary */
  stems: Float64Array;
  /** Objective at the last iteration (mean weighted log-loss + penalties). */
  loss: number;
}

export function fitLogistic(rows: readonly TrainingRow[], o: LogisticOptions): LogisticWeights {
  const F = o.features;
  const V = o.vocabulary;
  const params = new Float64Array(F + o.elements * F + o.elements * V);
  const grad = new Float64Array(params.length);
  const m = new Float64Array(params.length);
  const v = new Float64Array(params.length);
  const ownAt = F;
  const stemAt = F + o.elements * F;
  let total = 0;
  for (const r of rows) total += r.weight;
  total ||= 1;
  const beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  let loss = 0;

  for (let it = 1; it <= o.iterations; it++) {
    grad.fill(0);
    loss = 0;
    for (const r of rows) {
      const own = ownAt + r.element * F;
      const stem = stemAt + r.element * V;
      let z = 0;
      for (let f = 0; f < F; f++) z += (params[f] + params[own + f]) * r.dense[f];
      for (let k = 0; k < r.stems.length; k++) z += params[stem + r.stems[k]] * r.stemValues[k];
      const p = 1 / (1 + Math.exp(-z));
      // log(1 + e^-|z|) form keeps the loss finite for large |z|.
      loss += r.weight * (Math.max(z, 0) - z * r.label + Math.log1p(Math.exp(-Math.abs(z))));
      const g = (r.weight * (p - r.label)) / total;
      for (let f = 0; f < F; f++) {
        const gx = g * r.dense[f];
        grad[f] += gx;
        grad[own + f] += gx;
      }
      for (let k = 0; k < r.stems.length; k++) grad[stem + r.stems[k]] += g * r.stemValues[k];
    }
    loss /= total;
    for (let i = 0; i < params.length; i++) {
      const lambda = i < F ? (i === 0 ? 0 : o.l2Shared) : i < stemAt ? o.l2Element : o.l2Stem;
      if (lambda) {
        grad[i] += lambda * params[i];
        loss += 0.5 * lambda * params[i] * params[i];
      }
    }
    for (let i = 0; i < params.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
      v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
      const mh = m[i] / (1 - beta1 ** it);
      const vh = v[i] / (1 - beta2 ** it);
      params[i] -= (o.learningRate * mh) / (Math.sqrt(vh) + eps);
    }
  }
  return {
    shared: params.slice(0, F),
    own: params.slice(ownAt, stemAt),
    stems: params.slice(stemAt),
    loss,
  };
}

/** Probability of one row under fitted weights (what the scorer computes at run time). */
export function predictRow(w: LogisticWeights, r: TrainingRow, features: number, vocabulary: number): number {
  let z = 0;
  const own = r.element * features;
  for (let f = 0; f < features; f++) z += (w.shared[f] + w.own[own + f]) * r.dense[f];
  const stem = r.element * vocabulary;
  for (let k = 0; k < r.stems.length; k++) z += w.stems[stem + r.stems[k]] * r.stemValues[k];
  return 1 / (1 + Math.exp(-z));
}
