/**
 * Quality on the labelled real documents (test/fixtures/real/), each PDF of ../shared classified
 * whole. The sealed set was never trained or tuned on; its floors are the figures measured once
 * after the last training (classifier README, "Figures") minus about 0.03, so that a lexicon,
 * gate or model change that loses quality on unseen real documents fails here. Skips without
 * ../shared.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadClassifier } from '../../shared/core/classify/index';
import { evaluateDocuments } from '../../shared/core/evaluate/index';
import { closeExtractionPool } from '../../shared/core/extract/index';
import { loadRealSet } from '../../shared/cli/lib/labelled-documents';

const root = path.resolve(import.meta.dirname, '../..');
const shared = path.resolve(root, '../shared');

describe.skipIf(!existsSync(path.join(shared, 'archive')))('labelled real documents', () => {
  afterAll(() => closeExtractionPool());

  it('keeps its held-out quality on the sealed documents (measured P 0.752, R 0.667, F1 0.707)', async () => {
    const set = await loadRealSet(path.join(root, 'test/fixtures/real/sealed.jsonl'));
    const r = evaluateDocuments(loadClassifier(), set.documents);
    expect(r.paragraphs.items).toBe(923);
    expect(r.paragraphs.micro.precision).toBeGreaterThanOrEqual(0.72);
    expect(r.paragraphs.micro.recall).toBeGreaterThanOrEqual(0.63);
    expect(r.paragraphs.micro.f1).toBeGreaterThanOrEqual(0.67);
    // Documents whose labels carry no element (refugees, mine action, other subjects) address (almost) nothing.
    const unlabelled = r.perDocument.filter((d) => d.gold.length === 0);
    expect(unlabelled.length).toBeGreaterThanOrEqual(4);
    expect(unlabelled.filter((d) => d.addresses.length > 0).length).toBeLessThanOrEqual(1);
  }, 600_000);

  // Ten resolutions of the 79th and 80th sessions, labelled in the third round and looked at once,
  // with the model trained on the third round's development labels (clf-1641e9e51942).
  it('keeps its held-out quality on the later-session sealed documents (measured P 0.827, R 0.875, F1 0.850)', async () => {
    const set = await loadRealSet(path.join(root, 'test/fixtures/real/sealed-2.jsonl'));
    const r = evaluateDocuments(loadClassifier(), set.documents);
    expect(r.paragraphs.items).toBe(1426);
    expect(r.paragraphs.micro.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.paragraphs.micro.recall).toBeGreaterThanOrEqual(0.84);
    expect(r.paragraphs.micro.f1).toBeGreaterThanOrEqual(0.82);
    expect(r.addresses.micro.precision).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
