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

/**
 * The evidence and context measures, in model order; each also appears once more for paragraphs on
 * their own (DENSE_FEATURE_NAMES below). `baseFeatures` computes them: keep the two in step.
 */
export const BASE_FEATURE_NAMES: readonly string[] = [
  'bias', 'keyword', 'maxWeight', 'hits', 'noHit', 'cosine', 'cosineRelative', 'profileWinner', 'bestProfile', 'negated',
  'migrationHere', 'migrationCues', 'traffickingHere', 'displacementOnly', 'sectionMigration', 'neighbourMigration',
  'documentMigration', 'documentTrafficking', 'migrationShare', 'broadContext',
  'keywordInMigrationText', 'keywordInMigrationDocument', 'cosineInMigrationText', 'titleKeyword', 'sectionKeyword',
  'neighbourKeyword', 'documentShare', 'documentShareInMigrationText',
  // Only headings by kind: preambular, operative and list-item paragraphs are spread so unevenly
  // across the labelled collections (IOM reports have none) that their weights learned the
  // collection, not the subject ("operative" came out strongly against s).
  'heading', 'procedural', 'citedShare', 'length', 'short',
];

export const BASE_FEATURE_COUNT = BASE_FEATURE_NAMES.length;

/**
 * The base features of every element position of one paragraph, into out[e × BASE_FEATURE_COUNT + k].
 * Written out rather than as one closure per feature: this runs for every open paragraph, and the
 * measures that do not depend on the element are computed once.
 */
export function baseFeatures(p: FeatureInput, elements: number, out = new Float64Array(elements * BASE_FEATURE_COUNT)): Float64Array {
  const ev = p.evidence;
  const cx = p.context;
  const migrationHere = flag(cx.migrationHere);
  const inMigration = flag(cx.migrationHere || cx.documentMigration);
  const documentMigration = flag(cx.documentMigration);
  const migrationCues = Math.log1p(ev.subjects.migration);
  const length = Math.log1p(ev.contentWords) / 5;
  for (let e = 0, o = 0; e < elements; e++, o += BASE_FEATURE_COUNT) {
    const keyword = ev.keyword[e];
    const cosine = clip(ev.cosine[e] / COSINE_FULL);
    const share = Math.min(1, cx.documentShare[e] * 4);
    out[o] = 1;
    out[o + 1] = keyword;
    out[o + 2] = ev.maxWeight[e];
    out[o + 3] = Math.log1p(ev.hits[e]);
    out[o + 4] = flag(ev.hits[e] === 0);
    out[o + 5] = cosine;
    out[o + 6] = ev.bestCosine > 0 ? ev.cosine[e] / ev.bestCosine : 0;
    out[o + 7] = ev.profileWinner[e];
    out[o + 8] = flag(ev.bestCosine > 0 && ev.cosine[e] === ev.bestCosine);
    out[o + 9] = ev.negated[e];
    out[o + 10] = migrationHere;
    out[o + 11] = migrationCues;
    out[o + 12] = flag(cx.traffickingHere);
    out[o + 13] = flag(cx.displacementOnly);
    out[o + 14] = flag(cx.sectionMigration);
    out[o + 15] = flag(cx.neighbourMigration);
    out[o + 16] = documentMigration;
    out[o + 17] = flag(cx.documentTrafficking || cx.sectionTrafficking);
    out[o + 18] = cx.migrationShare;
    out[o + 19] = flag(ev.broadContext);
    out[o + 20] = keyword * migrationHere;
    out[o + 21] = keyword * documentMigration;
    out[o + 22] = cosine * inMigration;
    out[o + 23] = cx.titleKeyword[e];
    out[o + 24] = cx.sectionKeyword[e];
    out[o + 25] = cx.neighbourKeyword[e];
    out[o + 26] = share;
    out[o + 27] = share * inMigration;
    out[o + 28] = flag(p.kind === 'heading');
    out[o + 29] = ev.procedural;
    out[o + 30] = ev.citedShare;
    out[o + 31] = length;
    out[o + 32] = flag(ev.contentWords < 8);
  }
  return out;
}

/**
 * Dense feature names, in model order: the base measures, then the same measures again, non-zero
 * only for a paragraph classified on its own. Written paragraphs (short, on their own) and
 * paragraphs of real documents weigh the same evidence differently; the copies let one model learn
 * both without either pulling the other's weights ("frustratingly easy" domain adaptation).
 */
export const DENSE_FEATURE_NAMES: readonly string[] = [...BASE_FEATURE_NAMES, ...BASE_FEATURE_NAMES.map((name) => `${name}@standalone`)];

/** Dense features of one element position, from the paragraph's base features (training rows). */
export function denseFeatures(base: Float64Array, element: number, standalone: boolean): Float64Array {
  const out = new Float64Array(2 * BASE_FEATURE_COUNT);
  const from = element * BASE_FEATURE_COUNT;
  for (let k = 0; k < BASE_FEATURE_COUNT; k++) {
    out[k] = base[from + k];
    if (standalone) out[BASE_FEATURE_COUNT + k] = base[from + k];
  }
  return out;
}
