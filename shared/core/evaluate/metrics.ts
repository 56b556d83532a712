/** Multi-label precision / recall / F1 per element, micro and macro, and confusions. */
import type { ElementId } from '../taxonomy/types';

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export interface ElementMetrics extends PRF {
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Confusion {
  /** Element predicted although not in gold… */
  predicted: ElementId;
  /** …in items whose gold contained this element (null: gold had no element at all). */
  gold: ElementId | null;
  count: number;
}

export interface EvaluationReport {
  items: number;
  micro: PRF;
  macro: PRF;
  elements: Record<ElementId, ElementMetrics>;
  /** False positives grouped by the gold elements of the same item, largest first. */
  confusions: Confusion[];
  /** Items with gold elements that got no prediction, and items with no gold that got some. */
  missedItems: number;
  spuriousItems: number;
}

export interface Prediction {
  gold: readonly ElementId[];
  predicted: readonly ElementId[];
}

const prf = (tp: number, fp: number, fn: number): PRF => {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
};

export function evaluate(predictions: readonly Prediction[], elementIds: readonly ElementId[]): EvaluationReport {
  const counts = new Map(elementIds.map((e) => [e, { tp: 0, fp: 0, fn: 0 }]));
  const confusions = new Map<string, Confusion>();
  let missedItems = 0;
  let spuriousItems = 0;
  for (const { gold, predicted } of predictions) {
    const g = new Set(gold);
    const p = new Set(predicted);
    if (g.size > 0 && p.size === 0) missedItems++;
    if (g.size === 0 && p.size > 0) spuriousItems++;
    for (const e of elementIds) {
      const c = counts.get(e)!;
      if (g.has(e) && p.has(e)) c.tp++;
      else if (p.has(e)) c.fp++;
      else if (g.has(e)) c.fn++;
    }
    for (const e of p) {
      if (g.has(e)) continue;
      const golds = g.size ? [...g] : [null];
      for (const ge of golds) {
        const key = `${e}|${ge}`;
        const conf = confusions.get(key) ?? { predicted: e, gold: ge, count: 0 };
        conf.count++;
        confusions.set(key, conf);
      }
    }
  }
  const elements = {} as Record<ElementId, ElementMetrics>;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const macro = { precision: 0, recall: 0, f1: 0 };
  for (const e of elementIds) {
    const c = counts.get(e)!;
    const m = prf(c.tp, c.fp, c.fn);
    elements[e] = { ...m, support: c.tp + c.fn, truePositives: c.tp, falsePositives: c.fp, falseNegatives: c.fn };
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    macro.precision += m.precision / elementIds.length;
    macro.recall += m.recall / elementIds.length;
    macro.f1 += m.f1 / elementIds.length;
  }
  return {
    items: predictions.length,
    micro: prf(tp, fp, fn),
    macro,
    elements,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count || a.predicted.localeCompare(b.predicted)),
    missedItems,
    spuriousItems,
  };
}
