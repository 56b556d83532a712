/**
 * Public surface of the classifier. loadClassifier() builds the classifier from the versioned data
 * (taxonomy + lexicons, model/idf.json, model/params.json, model/scorer.json) once per process and
 * caches it; the JSON is imported, so bundlers inline it and a Lambda cold start reads no files.
 */
import { loadTaxonomyBundle } from '../taxonomy/index';
import { createClassifier, type ClassifierData, type FullClassifier } from './classifier';
import idf from './model/idf.json' with { type: 'json' };
import params from './model/params.json' with { type: 'json' };
import scorer from './model/scorer.json' with { type: 'json' };
import profiles from '../taxonomy/data/gcm/profiles.en.json' with { type: 'json' };
import type { ClassifierParams } from './params';
import type { ScorerModel } from './scorer';
import type { IdfModel } from './tfidf/vectors';
import type { ElementId } from '../taxonomy/types';

export type * from './types';
export type { ClassifierParams } from './params';
export type { ClassifierData, FullClassifier, ScoredDocument, ScoredParagraph } from './classifier';
export type { ScorerModel } from './scorer';
export type { ParagraphEvidence } from './evidence';
export type { ParagraphContext, DocumentContext } from './context';
export { createClassifier, ClassifierInputError } from './classifier';
export { ScorerModelError } from './scorer';
export { summarise } from './rollup';
export { DENSE_FEATURE_NAMES } from './features';

let cached: FullClassifier | undefined;

export function loadClassifier(): FullClassifier {
  cached ??= createClassifier(defaultClassifierData());
  return cached;
}

/** The built-in data, for tools (training, evaluation) that build variants of the classifier. */
export function defaultClassifierData(): ClassifierData {
  return {
    bundle: loadTaxonomyBundle(),
    idf: idf as IdfModel,
    params: params as ClassifierParams,
    profileProse: profiles.elements as Partial<Record<ElementId, string>>,
    scorer: scorer as unknown as ScorerModel,
  };
}
