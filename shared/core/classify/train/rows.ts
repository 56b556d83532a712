/**
 * From labelled documents to training rows: each labelled paragraph is analysed in its document
 * (evidence, then migration context), and every element the gate leaves open becomes one row.
 * Elements the gate closes are never scored, so they teach the scorer nothing.
 */
import type { ElementId } from '../../taxonomy/types';
import { documentContext, openElements, type ParagraphContext } from '../context';
import type { EvidenceExtractor, ParagraphEvidence } from '../evidence';
import { baseFeatures, denseFeatures } from '../features';
import type { LabelledDocument, TrainingRow } from './types';

export interface AnalysedParagraph {
  document: string;
  source: LabelledDocument['source'];
  index: number;
  kind?: string;
  gold: ReadonlySet<ElementId>;
  evidence: ParagraphEvidence;
  context: ParagraphContext;
  open: Uint8Array;
}

/** Evidence and context of every labelled paragraph (analysed once, reused by every fold). */
export function analyseDocuments(extractor: EvidenceExtractor, documents: readonly LabelledDocument[]): AnalysedParagraph[] {
  const out: AnalysedParagraph[] = [];
  for (const doc of documents) {
    const evidence = doc.paragraphs.map((p) => extractor.extract(p.text));
    const title = doc.title ? extractor.extract(doc.title) : undefined;
    const ctx = documentContext(doc.paragraphs.map((p, i) => ({ kind: p.kind, evidence: evidence[i] })), title);
    doc.paragraphs.forEach((p, i) => {
      if (!p.elements) return;
      out.push({
        document: doc.id,
        source: doc.source,
        index: p.index,
        kind: p.kind,
        gold: new Set(p.elements),
        evidence: evidence[i],
        context: ctx.paragraphs[i],
        open: openElements(ctx.paragraphs[i], evidence[i], extractor.elementIds, extractor.needsContext),
      });
    });
  }
  return out;
}

/** Stems seen in at least `minCount` training paragraphs: the vocabulary the scorer may weigh. */
export function buildVocabulary(paragraphs: readonly AnalysedParagraph[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const p of paragraphs) for (const s of p.evidence.stems) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].filter(([, c]) => c >= minCount).map(([s]) => s).sort();
}

export function buildRows(
  paragraphs: readonly AnalysedParagraph[],
  elementIds: readonly ElementId[],
  vocabulary: readonly string[],
  weightOf: (p: AnalysedParagraph) => number,
): TrainingRow[] {
  const vocab = new Map(vocabulary.map((s, i) => [s, i]));
  const rows: TrainingRow[] = [];
  for (const p of paragraphs) {
    const known = p.evidence.stems.map((s, k) => [vocab.get(s) ?? -1, p.evidence.stemValues[k]] as const).filter(([i]) => i >= 0);
    const stems = Int32Array.from(known, ([i]) => i);
    const stemValues = Float64Array.from(known, ([, v]) => v);
    const weight = weightOf(p);
    const base = baseFeatures({ evidence: p.evidence, context: p.context, kind: p.kind }, elementIds.length);
    for (let e = 0; e < elementIds.length; e++) {
      if (!p.open[e]) continue;
      const dense = denseFeatures(base, e, p.context.standalone);
      rows.push({ element: e, dense, stems, stemValues, label: p.gold.has(elementIds[e]) ? 1 : 0, weight });
    }
  }
  return rows;
}
