import type { Classifier } from '../classify/types';
import { ELEMENT_IDS } from '../taxonomy/index';
import type { GoldItem } from './gold';
import { evaluate, type EvaluationReport } from './metrics';

/** Classifies each gold text as one paragraph and scores the predictions. */
export function evaluateClassifier(classifier: Pick<Classifier, 'classifyText'>, gold: readonly GoldItem[]): EvaluationReport {
  const predictions = gold.map((item) => ({
    gold: item.elements,
    predicted: classifier.classifyText(item.text).map((t) => t.element),
  }));
  return evaluate(predictions, ELEMENT_IDS);
}
