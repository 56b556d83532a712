/**
 * Public surface of the classifier. loadClassifier() builds the classifier from the versioned data
 * (taxonomy + lexicons, model/idf.json, model/params.json) once per process and caches it; the
 * JSON is imported, so bundlers inline it and a Lambda cold start reads no files.
 */
import { loadTaxonomyBundle } from '../taxonomy/index';
import { createClassifier, type FullClassifier } from './classifier';
import idf from './model/idf.json' with { type: 'json' };
import params from './model/params.json' with { type: 'json' };
import profiles from '../taxonomy/data/gcm/profiles.en.json' with { type: 'json' };
import type { ClassifierParams } from './params';
import type { IdfModel } from './tfidf/vectors';
import type { ElementId } from '../taxonomy/types';

export type * from './types';
export type { ClassifierParams } from './params';
export type { ElementScore, FullClassifier, TextAnalysis, ClassifierData } from './classifier';
export { createClassifier, ClassifierInputError } from './classifier';
export { summarise } from './rollup';

let cached: FullClassifier | undefined;

export function loadClassifier(): FullClassifier {
  cached ??= createClassifier({
    bundle: loadTaxonomyBundle(),
    idf: idf as IdfModel,
    params: params as ClassifierParams,
    profileProse: profiles.elements as Partial<Record<ElementId, string>>,
  });
  return cached;
}

/** The built-in data, for tools (calibration) that build variants of the classifier. */
export function defaultClassifierData() {
  return {
    bundle: loadTaxonomyBundle(),
    idf: idf as IdfModel,
    params: params as ClassifierParams,
    profileProse: profiles.elements as Partial<Record<ElementId, string>>,
  };
}
