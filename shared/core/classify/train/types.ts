import type { ElementId } from '../../taxonomy/types';

/** A document with labels on some or all of its paragraphs (unlabelled ones still give context). */
export interface LabelledDocument {
  id: string;
  /** Real text (a PDF of the archive or corpus) or a paragraph written for the purpose. */
  source: 'real' | 'written';
  /**
   * Documents of one group are held out together in cross-validation: several reports of the same
   * evaluation share whole passages, so holding out one while training on its sibling would flatter.
   */
  group?: string;
  title?: string | null;
  paragraphs: Array<{ index: number; text: string; kind?: string; elements?: readonly ElementId[] | null }>;
}

/** One (paragraph, element) pair the gate leaves open: the unit the scorer learns from. */
export interface TrainingRow {
  element: number;
  dense: Float64Array;
  /** Vocabulary indices of the paragraph's content stems, and their values. */
  stems: Int32Array;
  stemValues: Float64Array;
  label: 0 | 1;
  weight: number;
}

/** Gold and predicted probabilities of one labelled paragraph, for every element position. */
export interface ParagraphPrediction {
  document: string;
  index: number;
  source: LabelledDocument['source'];
  kind?: string;
  gold: ReadonlySet<ElementId>;
  probabilities: Float64Array;
}
