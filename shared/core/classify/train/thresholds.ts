/**
 * Thresholds on the scorer's probabilities, chosen on out-of-fold predictions: one global threshold
 * (the best micro-F1 among those whose precision reaches the target, or the best F1 if none does),
 * then each element's own F1-optimal threshold pulled toward the global one with a pseudo-count
 * (an element with 10 positives keeps little of its own optimum, which is mostly noise).
 */
import type { ElementId } from '../../taxonomy/types';
import type { ParagraphPrediction } from './types';

export interface ThresholdChoice {
  global: number;
  perElement: Record<string, number>;
  /** Micro precision and recall of the global threshold on the predictions it was chosen on. */
  atGlobal: { precision: number; recall: number; f1: number };
}

const GRID = Array.from({ length: 71 }, (_, i) => 0.2 + i * 0.01);

function counts(pairs: ReadonlyArray<readonly [number, boolean]>, t: number) {
  let tp = 0, fp = 0, fn = 0;
  for (const [p, gold] of pairs) {
    const predicted = p > 0 && p >= t;
    if (predicted && gold) tp++;
    else if (predicted) fp++;
    else if (gold) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export function chooseThresholds(
  predictions: readonly ParagraphPrediction[],
  elementIds: readonly ElementId[],
  precisionTarget: number,
  shrink: number,
): ThresholdChoice {
  const all: Array<[number, boolean]> = [];
  const byElement = elementIds.map(() => [] as Array<[number, boolean]>);
  for (const p of predictions) {
    elementIds.forEach((id, e) => {
      const pair: [number, boolean] = [p.probabilities[e], p.gold.has(id)];
      all.push(pair);
      byElement[e].push(pair);
    });
  }
  let best = { t: 0.5, f1: -1, ok: false };
  for (const t of GRID) {
    const c = counts(all, t);
    const ok = c.precision >= precisionTarget;
    // Any threshold that meets the precision target beats every one that does not.
    if ((ok && !best.ok) || (ok === best.ok && c.f1 > best.f1)) best = { t, f1: c.f1, ok };
  }
  const global = round(best.t);
  const perElement: Record<string, number> = {};
  elementIds.forEach((id, e) => {
    const pairs = byElement[e];
    const positives = pairs.filter(([, g]) => g).length;
    let own = global;
    let ownF1 = -1;
    for (const t of GRID) {
      const c = counts(pairs, t);
      if (c.f1 > ownF1 + 1e-9) { ownF1 = c.f1; own = t; }
    }
    // Never below the global threshold: a lower one buys recall with the precision the target protects.
    const shrunk = (positives * own + shrink * global) / (positives + shrink);
    perElement[id] = round(Math.max(global, shrunk));
  });
  const at = counts(all, global);
  return { global, perElement, atGlobal: { precision: at.precision, recall: at.recall, f1: at.f1 } };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
