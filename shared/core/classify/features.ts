/**
 * The inputs of the learned scorer for one (paragraph, element) pair: a few dense measures of the
 * lexicon and TF-IDF evidence, of the paragraph's kind and of its migration context, plus the
 * paragraph's content stems (weighed per element by the model). The names are stored with the
 * model, so a model trained on another feature list is refused rather than misread.
 */
import type { ParagraphContext } from './context';
import type { ParagraphEvidence } from './evidence';

export interface FeatureInput {
  evidence: ParagraphEvidence;
  context: ParagraphContext;
  kind?: string;
}

const clip = (x: number) => (x > 1 ? 1 : x);
const flag = (b: boolean) => (b ? 1 : 0);

/** Cosine at which the TF-IDF similarity counts in full (cosines are small on short paragraphs). */
const COSINE_FULL = 0.3;

type Feature = (p: FeatureInput, el: number) => number;

/** The evidence and context measures; each also appears once more for paragraphs on their own (below). */
export const BASE_FEATURES: ReadonlyArray<readonly [name: string, fn: Feature]> = [
  ['bias', () => 1],
  ['keyword', (p, i) => p.evidence.keyword[i]],
  ['maxWeight', (p, i) => p.evidence.maxWeight[i]],
  ['hits', (p, i) => Math.log1p(p.evidence.hits[i])],
  ['noHit', (p, i) => flag(p.evidence.hits[i] === 0)],
  ['cosine', (p, i) => clip(p.evidence.cosine[i] / COSINE_FULL)],
  ['cosineRelative', (p, i) => (p.evidence.bestCosine > 0 ? p.evidence.cosine[i] / p.evidence.bestCosine : 0)],
  ['profileWinner', (p, i) => p.evidence.profileWinner[i]],
  ['bestProfile', (p, i) => flag(p.evidence.bestCosine > 0 && p.evidence.cosine[i] === p.evidence.bestCosine)],
  ['negated', (p, i) => p.evidence.negated[i]],
  ['migrationHere', (p) => flag(p.context.migrationHere)],
  ['migrationCues', (p) => Math.log1p(p.evidence.subjects.migration)],
  ['traffickingHere', (p) => flag(p.context.traffickingHere)],
  ['displacementOnly', (p) => flag(p.context.displacementOnly)],
  ['sectionMigration', (p) => flag(p.context.sectionMigration)],
  ['neighbourMigration', (p) => flag(p.context.neighbourMigration)],
  ['documentMigration', (p) => flag(p.context.documentMigration)],
  ['documentTrafficking', (p) => flag(p.context.documentTrafficking || p.context.sectionTrafficking)],
  ['migrationShare', (p) => p.context.migrationShare],
  ['broadContext', (p) => flag(p.evidence.broadContext)],

  ['keywordInMigrationText', (p, i) => p.evidence.keyword[i] * flag(p.context.migrationHere)],
  ['keywordInMigrationDocument', (p, i) => p.evidence.keyword[i] * flag(p.context.documentMigration)],
  ['cosineInMigrationText', (p, i) => clip(p.evidence.cosine[i] / COSINE_FULL) * flag(p.context.migrationHere || p.context.documentMigration)],
  ['titleKeyword', (p, i) => p.context.titleKeyword[i]],
  ['sectionKeyword', (p, i) => p.context.sectionKeyword[i]],
  ['neighbourKeyword', (p, i) => p.context.neighbourKeyword[i]],
  ['documentShare', (p, i) => Math.min(1, p.context.documentShare[i] * 4)],
  ['documentShareInMigrationText', (p, i) => Math.min(1, p.context.documentShare[i] * 4) * flag(p.context.migrationHere || p.context.documentMigration)],
  // Only headings by kind: preambular, operative and list-item paragraphs are spread so unevenly
  // across the labelled collections (IOM reports have none) that their weights learned the
  // collection, not the subject ("operative" came out strongly against s).
  ['heading', (p) => flag(p.kind === 'heading')],
  ['procedural', (p) => p.evidence.procedural],
  ['citedShare', (p) => p.evidence.citedShare],
  ['length', (p) => Math.log1p(p.evidence.contentWords) / 5],
  ['short', (p) => flag(p.evidence.contentWords < 8)],
];

/**
 * Dense features, in model order: the base measures, then the same measures again, non-zero only
 * for a paragraph classified on its own. Written paragraphs (short, on their own) and paragraphs of
 * real documents weigh the same evidence differently; the copies let one model learn both without
 * either pulling the other's weights ("frustratingly easy" domain adaptation).
 */
export const DENSE_FEATURES: ReadonlyArray<readonly [name: string, fn: Feature]> = [
  ...BASE_FEATURES,
  ...BASE_FEATURES.map(([name, fn]) => [`${name}@standalone`, (p: FeatureInput, i: number) => (p.context.standalone ? fn(p, i) : 0)] as const),
];

export const DENSE_FEATURE_NAMES = DENSE_FEATURES.map(([name]) => name);

/** Dense features of one (paragraph, element) pair into `out` (length DENSE_FEATURES.length). */
export function denseFeatures(p: FeatureInput, element: number, out: Float64Array): Float64Array {
  for (let f = 0; f < DENSE_FEATURES.length; f++) out[f] = DENSE_FEATURES[f][1](p, element);
  return out;
}
