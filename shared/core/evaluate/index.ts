export { parseGold, GoldFormatError, type GoldItem } from './gold';
export { evaluate, type EvaluationReport, type ElementMetrics, type PRF, type Prediction, type Confusion } from './metrics';
export { evaluateClassifier } from './run';
export { parseRealLabels, alignLabels, groupByDocument, paragraphTextHash, type RealLabel } from './real-gold';
export { evaluateDocuments, type DocumentEvaluation, type LabelledDocumentInput } from './documents';
