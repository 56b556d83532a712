/**
 * Training the scorer: cross-validation grouped by document (a document's paragraphs are never
 * split between training and held-out folds), thresholds chosen on the out-of-fold probabilities
 * of real paragraphs, then one fit on everything. Returns the model data and an honest report.
 */
import { createHash } from 'node:crypto';
import { evaluate, type EvaluationReport } from '../../evaluate/metrics';
import type { ElementId } from '../../taxonomy/types';
import type { EvidenceExtractor } from '../evidence';
import { DENSE_FEATURE_NAMES } from '../features';
import type { ScorerModel } from '../scorer';
import { fitLogistic, predictRow, type LogisticOptions } from './logistic';
import { analyseDocuments, buildRows, buildVocabulary, type AnalysedParagraph } from './rows';
import { chooseThresholds, type ThresholdChoice } from './thresholds';
import { fitPlatt, rescale } from '../calibration';
import type { LabelledDocument, ParagraphPrediction } from './types';

export interface TrainOptions {
  /** Cross-validation folds; 0: leave one group of real documents out at a time (written paragraphs spread over the same folds). */
  folds: number;
  /** A stem needs this many training paragraphs to get weights. */
  minStemCount: number;
  /** Weight of a written paragraph relative to a real one. */
  writtenWeight: number;
  l2Shared: number;
  l2Element: number;
  l2Stem: number;
  iterations: number;
  learningRate: number;
  /** Thresholds: the lowest precision accepted on real out-of-fold paragraphs, and the pull toward the global threshold. */
  precisionTarget: number;
  /** The same for paragraphs classified on their own (the written sets). */
  standalonePrecisionTarget: number;
  shrink: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  folds: 10,
  minStemCount: 3,
  writtenWeight: 1,
  l2Shared: 1e-5,
  l2Element: 1e-5,
  l2Stem: 1e-6,
  iterations: 500,
  learningRate: 0.05,
  precisionTarget: 0.75,
  standalonePrecisionTarget: 0.88,
  shrink: 30,
};

export interface CalibrationBin {
  from: number;
  to: number;
  pairs: number;
  meanProbability: number;
  observedRate: number;
}

export interface TrainingReport {
  options: TrainOptions;
  data: {
    documents: { real: number; written: number };
    paragraphs: { real: number; written: number };
    positives: Record<string, { real: number; written: number }>;
    /** Gold labels the migration-context gate closes (lost before scoring). */
    gatedOut: { real: number; written: number };
  };
  thresholds: ThresholdChoice;
  standaloneThresholds: ThresholdChoice;
  /** Folds actually used (leave-one-group-out gives one per group of real documents). */
  folds: number;
  crossValidated: { real: Summary; written: Summary };
  /** Real out-of-fold figures per collection (the first segment of the document id: unga-78, corpus). */
  crossValidatedByCollection: Record<string, Summary>;
  calibration: CalibrationBin[];
  expectedCalibrationError: number;
  loss: number;
}

export interface Summary {
  paragraphs: number;
  micro: EvaluationReport['micro'];
  macro: EvaluationReport['macro'];
  elements: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  spurious: number;
}

function foldOf(id: string, folds: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % folds;
}

function logisticOptions(o: TrainOptions, elements: number, vocabulary: number): LogisticOptions {
  return {
    elements,
    features: DENSE_FEATURE_NAMES.length,
    vocabulary,
    l2Shared: o.l2Shared,
    l2Element: o.l2Element,
    l2Stem: o.l2Stem,
    iterations: o.iterations,
    learningRate: o.learningRate,
  };
}

/** Fits on `train`, returns probabilities for `test` (0 where the gate is closed) and the model. */
function fitAndPredict(
  train: readonly AnalysedParagraph[],
  test: readonly AnalysedParagraph[],
  elementIds: readonly ElementId[],
  o: TrainOptions,
) {
  const vocabulary = buildVocabulary(train, o.minStemCount);
  const weightOf = (p: AnalysedParagraph) => (p.source === 'written' ? o.writtenWeight : 1);
  const rows = buildRows(train, elementIds, vocabulary, weightOf);
  const lo = logisticOptions(o, elementIds.length, vocabulary.length);
  const weights = fitLogistic(rows, lo);
  const testRows = buildRows(test, elementIds, vocabulary, () => 1);
  const predictions: Float64Array[] = test.map(() => new Float64Array(elementIds.length));
  let r = 0;
  test.forEach((p, i) => {
    for (let e = 0; e < elementIds.length; e++) {
      if (!p.open[e]) continue;
      predictions[i][e] = predictRow(weights, testRows[r++], lo.features, lo.vocabulary);
    }
  });
  return { predictions, weights, vocabulary };
}

export function summarize(predictions: readonly ParagraphPrediction[], elementIds: readonly ElementId[], thresholds: Record<string, number>): Summary {
  const report = evaluate(predictions.map((p) => ({
    gold: [...p.gold],
    predicted: elementIds.filter((id, e) => p.probabilities[e] > 0 && p.probabilities[e] >= thresholds[id]),
  })), elementIds);
  return {
    paragraphs: predictions.length,
    micro: report.micro,
    macro: report.macro,
    elements: Object.fromEntries(Object.entries(report.elements).map(([e, m]) => [e, { precision: m.precision, recall: m.recall, f1: m.f1, support: m.support }])),
    spurious: report.spuriousItems,
  };
}

function calibration(predictions: readonly ParagraphPrediction[], elementIds: readonly ElementId[]) {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, pairs: 0, sumP: 0, positives: 0 }));
  for (const p of predictions) {
    elementIds.forEach((id, e) => {
      const prob = p.probabilities[e];
      if (prob === 0) return;
      const b = bins[Math.min(9, Math.floor(prob * 10))];
      b.pairs++;
      b.sumP += prob;
      if (p.gold.has(id)) b.positives++;
    });
  }
  const total = bins.reduce((a, b) => a + b.pairs, 0) || 1;
  const out: CalibrationBin[] = bins.map((b) => ({
    from: b.from,
    to: b.to,
    pairs: b.pairs,
    meanProbability: b.pairs ? b.sumP / b.pairs : 0,
    observedRate: b.pairs ? b.positives / b.pairs : 0,
  }));
  const ece = out.reduce((a, b) => a + (b.pairs / total) * Math.abs(b.meanProbability - b.observedRate), 0);
  return { bins: out, ece };
}

export function trainScorer(
  extractor: EvidenceExtractor,
  documents: readonly LabelledDocument[],
  options: Partial<TrainOptions> = {},
  log: (line: string) => void = () => {},
): { model: ScorerModel; report: TrainingReport; outOfFold: ParagraphPrediction[] } {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const ids = extractor.elementIds;
  const analysed = analyseDocuments(extractor, documents);
  log(`analysed ${analysed.length} labelled paragraphs of ${documents.length} documents`);

  // Cross-validation, grouped by document (or document group).
  const groups = [...new Set(documents.filter((d) => d.source === 'real').map((d) => d.group ?? d.id))].sort();
  const folds = o.folds || Math.max(2, groups.length);
  const fold = new Map(documents.map((d) => {
    const g = d.group ?? d.id;
    return [d.id, o.folds === 0 && d.source === 'real' ? groups.indexOf(g) : foldOf(g, folds)];
  }));
  const outOfFold: ParagraphPrediction[] = [];
  for (let k = 0; k < folds; k++) {
    const train = analysed.filter((p) => fold.get(p.document) !== k);
    const test = analysed.filter((p) => fold.get(p.document) === k);
    if (test.length === 0) continue;
    const { predictions } = fitAndPredict(train, test, ids, o);
    test.forEach((p, i) => outOfFold.push({ document: p.document, index: p.index, source: p.source, kind: p.kind, gold: p.gold, probabilities: predictions[i] }));
    log(`fold ${k + 1}/${folds}: ${train.length} training, ${test.length} held-out paragraphs`);
  }
  // Platt scaling on the out-of-fold probabilities, one scale per kind of input (paragraphs of
  // documents are real, paragraphs on their own are the written sets); thresholds, calibration
  // figures and the cross-validated summary below are all on the rescaled probabilities.
  const pairsOf = (ps: readonly ParagraphPrediction[]) =>
    ps.flatMap((p) => Array.from(p.probabilities, (x, e) => [x, p.gold.has(ids[e])] as const));
  const scales = {
    document: fitPlatt(pairsOf(outOfFold.filter((p) => p.source === 'real'))),
    standalone: fitPlatt(pairsOf(outOfFold.filter((p) => p.source === 'written'))),
  };
  const rescaled = outOfFold.map((p) => {
    const scale = p.source === 'real' ? scales.document : scales.standalone;
    return { ...p, probabilities: p.probabilities.map((x) => rescale(scale, x)) };
  });
  const real = rescaled.filter((p) => p.source === 'real');
  const written = rescaled.filter((p) => p.source === 'written');
  const thresholds = chooseThresholds(real.length ? real : rescaled, ids, o.precisionTarget, o.shrink);
  // Written paragraphs are classified on their own: their thresholds come from their own predictions.
  const standaloneThresholds = chooseThresholds(written.length ? written : rescaled, ids, o.standalonePrecisionTarget, o.shrink);

  // The final model: every labelled paragraph.
  const { weights, vocabulary } = fitAndPredict(analysed, [], ids, o);
  const F = DENSE_FEATURE_NAMES.length;
  const V = vocabulary.length;
  const used = new Set<number>();
  const stems: Record<string, Array<[number, number]>> = {};
  ids.forEach((id, e) => {
    const list: Array<[number, number]> = [];
    for (let s = 0; s < V; s++) {
      const w = weights.stems[e * V + s];
      // Weights this small change no probability by more than a percent: not worth shipping.
      if (Math.abs(w) >= 0.02) { list.push([s, round(w)]); used.add(s); }
    }
    stems[id] = list;
  });
  // Renumber the vocabulary to the stems actually used.
  const kept = [...used].sort((a, b) => a - b);
  const renumber = new Map(kept.map((s, i) => [s, i]));
  for (const id of ids) stems[id] = stems[id].map(([s, w]) => [renumber.get(s)!, w]);

  const model: ScorerModel = {
    features: [...DENSE_FEATURE_NAMES],
    elements: [...ids],
    shared: Array.from(weights.shared, round),
    perElement: Object.fromEntries(ids.map((id, e) => [id, Array.from(weights.own.slice(e * F, (e + 1) * F), round)])),
    vocabulary: kept.map((s) => vocabulary[s]),
    stems,
    thresholds: thresholds.perElement,
    standaloneThresholds: standaloneThresholds.perElement,
    calibration: scales,
  };

  const positives: TrainingReport['data']['positives'] = {};
  const gatedOut = { real: 0, written: 0 };
  for (const id of ids) positives[id] = { real: 0, written: 0 };
  for (const p of analysed) {
    for (const g of p.gold) {
      positives[g][p.source]++;
      if (!p.open[ids.indexOf(g)]) gatedOut[p.source]++;
    }
  }
  const cal = calibration(real.length ? real : rescaled, ids);
  const report: TrainingReport = {
    options: o,
    data: {
      documents: { real: documents.filter((d) => d.source === 'real').length, written: documents.filter((d) => d.source === 'written').length },
      paragraphs: { real: analysed.filter((p) => p.source === 'real').length, written: analysed.filter((p) => p.source === 'written').length },
      positives,
      gatedOut,
    },
    thresholds,
    standaloneThresholds,
    folds,
    crossValidated: {
      real: summarize(real, ids, thresholds.perElement),
      written: summarize(written, ids, standaloneThresholds.perElement),
    },
    crossValidatedByCollection: Object.fromEntries(
      [...new Set(real.map((p) => collectionOf(p.document)))].sort().map((c) => [c, summarize(real.filter((p) => collectionOf(p.document) === c), ids, thresholds.perElement)]),
    ),
    calibration: cal.bins,
    expectedCalibrationError: cal.ece,
    loss: weights.loss,
  };
  return { model, report, outOfFold: rescaled };
}

function collectionOf(documentId: string): string {
  return documentId.split('/')[0];
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
