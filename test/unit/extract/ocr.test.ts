/**
 * OCR of scanned pages with the local engine (tesseract, models installed by npm ci). Few and small
 * on purpose: each page read costs about a second.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeExtractionPool, extractDocument, extractInProcess, tesseractEngineVersion, DEFAULT_LIMITS } from '../../../shared/core/extract';
import type { OcrMode, Paragraph } from '../../../shared/core/extract';
import { makePdf } from '../../helpers/pdf-fixtures';
import { concatPdfs, toImageOnlyPdf, wordAccuracy } from '../../helpers/scan-fixtures';

const local: OcrMode = { kind: 'local', engineVersion: tesseractEngineVersion() };

// Our own French text (a declaration on labour migration), printed, scanned and read back.
const FRENCH = [
  'Les États participants reconnaissent que la migration de main-d’œuvre contribue au développement des pays d’origine et de destination.',
  'Ils s’engagent à garantir un recrutement équitable, sans frais pour les travailleurs migrants, et à protéger leurs droits au travail.',
  'Ils conviennent de renforcer la coopération régionale pour la reconnaissance des compétences et des diplômes.',
];
const ENGLISH = 'The participating States recognise that safe and regular pathways for labour mobility benefit migrants, their families and communities of origin and destination alike.';

afterAll(closeExtractionPool);

describe('OCR of scanned pages (tesseract)', () => {
  it('reads a French page scanned from our own text: outcome ok, language fr, OCR paragraphs with confidence, at least 90 % of the words', async () => {
    const scan = await toImageOnlyPdf(await makePdf({ pages: [{ paragraphs: FRENCH }] }));
    // Through the worker pool, as the pipeline does: the OCR runs inside the job's time limit.
    const result = await extractDocument(scan, { ocr: local });
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    const { facts, paragraphs } = result.document;
    expect(facts.language).toBe('fr');
    expect(facts.ocr).toMatchObject({ engine: local.kind === 'local' ? local.engineVersion : '', pages: [1], model: 'fra' });
    expect(facts.ocr!.confidence).toBeGreaterThan(0.8);
    expect(paragraphs.length).toBeGreaterThanOrEqual(FRENCH.length);
    for (const p of paragraphs) {
      expect(p.source).toBe('ocr');
      expect(p.confidence).toBeGreaterThan(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
    }
    const accuracy = wordAccuracy(FRENCH.join(' '), paragraphs.map((p) => p.text).join(' '));
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    // What was read is handed back for the caller to keep, keyed by the engine version.
    expect(result.ocr?.engineVersion).toBe(facts.ocr!.engine);
    expect(result.ocr?.pages.map((p) => p.page)).toEqual([1]);
  });

  it('reads a mixed document page by page: the text page as without OCR, the scanned page by OCR', async () => {
    const textPage = await makePdf({ pages: [{ paragraphs: [
      'A text page about remittances and the cost of sending money home, which has a real text layer.',
      'Its second paragraph asks for lower transfer fees and for digital channels that reach rural families.',
    ] }] });
    const scanned = await toImageOnlyPdf(await makePdf({ pages: [{ paragraphs: [ENGLISH] }] }));
    const mixed = await concatPdfs([textPage, scanned]);
    const [withOcr, without] = await Promise.all([extractInProcess(mixed, DEFAULT_LIMITS, local), extractInProcess(mixed)]);
    expect(withOcr.outcome).toBe('ok');
    expect(without.outcome).toBe('ok');
    if (withOcr.outcome !== 'ok' || without.outcome !== 'ok') return;
    const strip = (p: Paragraph) => ({ index: p.index, text: p.text, page: p.page, kind: p.kind });
    const pageOne = withOcr.document.paragraphs.filter((p) => p.page === 1);
    expect(pageOne.map(strip)).toEqual(without.document.paragraphs.map(strip));
    expect(pageOne.every((p) => p.source === undefined && p.confidence === undefined)).toBe(true);
    const pageTwo = withOcr.document.paragraphs.filter((p) => p.page === 2);
    expect(pageTwo.length).toBeGreaterThan(0);
    expect(pageTwo.every((p) => p.source === 'ocr')).toBe(true);
    expect(wordAccuracy(ENGLISH, pageTwo.map((p) => p.text).join(' '))).toBeGreaterThanOrEqual(0.9);
    expect(withOcr.document.facts.ocr?.pages).toEqual([2]);
  });

  it('with OCR off, or with pages already read by the same engine version, reads nothing again', async () => {
    const scan = await toImageOnlyPdf(await makePdf({ pages: [{ paragraphs: [ENGLISH] }] }));
    const off = await extractInProcess(scan, DEFAULT_LIMITS, { kind: 'off' });
    expect(off).toMatchObject({ outcome: 'needs-ocr' });
    expect(off.reason).toMatch(/OCR is turned off/);
    // Known pages from a reading by this engine version: used as they are (a recognisable marker proves it).
    const known = {
      engineVersion: 'test-engine-1',
      model: 'eng',
      notes: [],
      pages: [{ page: 1, lines: [{ left: 0.1, top: 0.1, width: 0.5, height: 0.02, words: [{ text: 'Remembered', left: 0.1, top: 0.1, width: 0.2, height: 0.02, confidence: 0.9 }, { text: 'reading', left: 0.32, top: 0.1, width: 0.2, height: 0.02, confidence: 0.9 }] }] }],
    };
    const reused = await extractInProcess(scan, DEFAULT_LIMITS, { kind: 'deferred', engineVersion: 'test-engine-1', known });
    expect(reused.outcome).toBe('ok');
    if (reused.outcome === 'ok') expect(reused.document.paragraphs.map((p) => p.text)).toEqual(['Remembered reading']);
    // Another engine version: the known pages do not count, and a deferred engine is asked for page 1.
    const other = await extractInProcess(scan, DEFAULT_LIMITS, { kind: 'deferred', engineVersion: 'test-engine-2', known });
    expect(other).toMatchObject({ outcome: 'ocr-required', pages: [1] });
  });
});

const control = path.resolve(import.meta.dirname, '../../../../shared/corpus/controls/control_image-only-scan_ocr-sample-french.pdf');

describe.skipIf(!existsSync(control))('the French image-only control of the corpus', () => {
  it('npm run extract -- <control> --json: ok, language fr, its one line read by OCR', async () => {
    const { execFile } = await import('node:child_process');
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', 'shared/cli/extract.ts', control, '--json'], { cwd: path.resolve(import.meta.dirname, '../../..') }, (err, out) => (err ? reject(err) : resolve(out))),
    );
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ outcome: 'ok', language: 'fr', pages: 1 });
    expect(json.paragraphs).toHaveLength(1);
    expect(json.paragraphs[0]).toMatchObject({ source: 'ocr', text: 'Où puis-je m’en procurer'.replace('’', "'") });
    expect(json.paragraphs[0].confidence).toBeGreaterThan(0.8);
    expect(json.ocr.notes.length > 0 || json.ocr.model !== null).toBe(true);
    expect(readFileSync(control).byteLength).toBeGreaterThan(0);
  });
});
