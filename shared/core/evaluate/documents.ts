/**
 * Evaluation on labelled real documents: each document is classified whole (its paragraphs in
 * order, with its title), as ingestion classifies it, so the migration-context gate and the
 * document context count. Two reports:
 * - paragraphs: the labelled paragraphs' tags against their labels;
 * - documents: the elements a document is said to ADDRESS (the roll-up rule) against the elements
 *   its labelled paragraphs carry. Where only some paragraphs of a document are labelled (those
 *   naming the subject and their neighbours), the unlabelled rest is assumed to address nothing.
 */
import type { Classifier, DocumentInput, ParagraphInput } from '../classify/types';
import { ELEMENT_IDS } from '../taxonomy/index';
import type { ElementId } from '../taxonomy/types';
import { evaluate, type EvaluationReport } from './metrics';

export interface LabelledDocumentInput {
  id: string;
  title?: string | null;
  paragraphs: ReadonlyArray<ParagraphInput & { elements?: readonly ElementId[] | null }>;
}

export interface DocumentEvaluation {
  documents: number;
  paragraphs: EvaluationReport;
  addresses: EvaluationReport;
  /** Per document: what it addresses, and what its labels say. */
  perDocument: Array<{ id: string; labelled: number; gold: ElementId[]; addresses: ElementId[] }>;
}

export function evaluateDocuments(
  classifier: Pick<Classifier, 'classifyDocument'>,
  documents: readonly LabelledDocumentInput[],
): DocumentEvaluation {
  const paragraphItems: Array<{ gold: ElementId[]; predicted: ElementId[] }> = [];
  const documentItems: Array<{ gold: ElementId[]; predicted: ElementId[] }> = [];
  const perDocument: DocumentEvaluation['perDocument'] = [];
  for (const doc of documents) {
    const input: DocumentInput = { title: doc.title ?? undefined };
    const result = classifier.classifyDocument(doc.paragraphs.map(({ index, text, kind }) => ({ index, text, kind })), input);
    const gold = new Set<ElementId>();
    let labelled = 0;
    doc.paragraphs.forEach((p, i) => {
      if (!p.elements) return;
      labelled++;
      for (const e of p.elements) gold.add(e);
      paragraphItems.push({ gold: [...p.elements], predicted: result.paragraphs[i].map((t) => t.element) });
    });
    const addresses = result.elements.filter((e) => e.addresses).map((e) => e.element);
    documentItems.push({ gold: [...gold], predicted: addresses });
    perDocument.push({ id: doc.id, labelled, gold: [...gold].sort(), addresses: [...addresses].sort() });
  }
  return {
    documents: documents.length,
    paragraphs: evaluate(paragraphItems, ELEMENT_IDS),
    addresses: evaluate(documentItems, ELEMENT_IDS),
    perDocument,
  };
}
