import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../shared/core/classify';
import { buildTemplates, generateDocument, PROCESSES } from '../../../bench/lib/synthetic-archive';

const TEXTS = [
  'Member States agreed to reduce the transaction costs of migrant remittances below three per cent and to promote competition among money transfer operators.',
  'They committed to prevent, combat and eradicate trafficking in persons in the context of international migration and to protect victims of trafficking.',
  'Participants agreed to cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration of returning migrants.',
  'Governments will improve the collection and analysis of disaggregated migration data to inform evidence-based policies.',
  'The meeting will be held in the main conference room.',
];

describe('synthetic archive', () => {
  const classifier = loadClassifier();
  const templates = buildTemplates(TEXTS, classifier, 3, 2);

  it('builds templates only from paragraphs the classifier tags', () => {
    expect(templates).toHaveLength(3);
    for (const t of templates) {
      expect(t.paragraphs).toHaveLength(2);
      expect(t.paragraphs.every((p) => p.tags.length > 0)).toBe(true);
      expect(t.paragraphs.some((p) => p.text.includes('conference room'))).toBe(false);
    }
  });

  it('generates distinct, deterministic documents with index entries for addressed elements only', () => {
    const a = generateDocument(7, templates, 'clf-test');
    const b = generateDocument(8, templates, 'clf-test');
    expect(a.doc.documentId).toMatch(/^[0-9a-f]{64}$/);
    expect(a.doc.documentId).not.toBe(b.doc.documentId);
    expect(generateDocument(7, templates, 'clf-test')).toEqual(a);
    expect(PROCESSES).toContain(a.doc.process);
    const addressed = new Set(a.elements.filter((e) => e.addresses).map((e) => e.element));
    const indexed = a.index.filter((e) => e.target.kind === 'element').map((e) => e.target.id);
    expect(new Set(indexed)).toEqual(addressed);
  });

  it('keeps generated scores within [0, 1]', () => {
    for (let i = 0; i < 50; i++) {
      for (const e of generateDocument(i, templates, 'clf-test').elements) {
        expect(e.score).toBeGreaterThanOrEqual(0);
        expect(e.score).toBeLessThanOrEqual(1);
      }
    }
  });

  it('refuses to build templates from too few tagged paragraphs', () => {
    expect(() => buildTemplates(['The meeting will be held in the main conference room.'], classifier, 1, 2)).toThrow(RangeError);
  });
});
