import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, describe, expect, it } from 'vitest';
import { closeExtractionPool, extractDocument, extractInProcess } from '../../shared/core/extract';
import type { ExtractedDocument } from '../../shared/core/extract';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const present = existsSync(corpus);
const files = present ? readdirSync(corpus).filter((f) => f.endsWith('.pdf')) : [];
const resolutions = files.filter((f) => f.startsWith('un_A-RES-') && f !== 'un_A-RES-79-1_pact-for-the-future_en.pdf');

// Each file is extracted once and shared by the checks below.
const extracted = new Map<string, Promise<ExtractedDocument>>();
function extract(file: string): Promise<ExtractedDocument> {
  let pending = extracted.get(file);
  if (!pending) {
    pending = extractInProcess(new Uint8Array(readFileSync(path.join(corpus, file)))).then((result) => {
      if (result.outcome !== 'ok') throw new Error(`${file}: ${result.outcome} ${result.reason}`);
      return result.document;
    });
    extracted.set(file, pending);
  }
  return pending;
}

/**
 * The page furniture of a resolution, read independently of our extractor (pdf-parse's plain text
 * of the first page): its document symbol and the job number printed at the foot of page 1.
 */
async function furniture(file: string): Promise<{ symbol: string; job: string }> {
  const parser = new PDFParse({ data: new Uint8Array(readFileSync(path.join(corpus, file))) });
  try {
    const { text } = await parser.getText({ partial: [1] });
    const symbol = /A\/RES\/\d+\/\d+/.exec(text)?.[0];
    const job = /\b\d{2}-\d{5}\b/.exec(text)?.[0];
    if (!symbol || !job) throw new Error(`${file}: no symbol or job number on page 1`);
    return { symbol, job };
  } finally {
    await parser.destroy();
  }
}

describe.skipIf(!present)('UN General Assembly resolutions', () => {
  it('are all there (11 besides the Pact for the Future)', () => {
    expect(resolutions).toHaveLength(11);
  });

  it.each(resolutions)('%s: operative paragraphs are numbered 1..N with no gap or repeat', async (file) => {
    const doc = await extract(file);
    const numbers = doc.paragraphs.filter((p) => p.kind === 'operative').map((p) => Number(p.number));
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    // After the first operative paragraph, lettered sub-items hang off one: "15(a)", "15(a)(ii)".
    const firstOperative = doc.paragraphs.findIndex((p) => p.kind === 'operative');
    for (const p of doc.paragraphs.slice(firstOperative).filter((q) => q.kind === 'list-item' && q.number)) {
      expect(p.number).toMatch(/^\d+\([a-z]+\)(\([ivxl]+\))?$/);
    }
  });

  it.each(resolutions)('%s: no paragraph carries the symbol, job number or page counter', async (file) => {
    const [doc, { symbol, job }] = await Promise.all([extract(file), furniture(file)]);
    const total = doc.facts.pageCount;
    for (const p of doc.paragraphs) {
      expect(p.text).not.toContain(symbol);
      expect(p.text).not.toContain(job);
      // The counter printed on page k reads "k/total"; a paragraph on page k must not contain it.
      for (let k = p.page; k <= p.pageEnd; k++) expect(p.text).not.toMatch(new RegExp(`(^|\\s)${k}/${total}(\\s|$)`));
    }
  });

  it.each(resolutions)('%s: has its title, its preamble and exact offsets', async (file) => {
    const doc = await extract(file);
    // "79/217. International migration and development" is printed; the title is its text, the number is the symbol's.
    const { symbol } = await furniture(file);
    expect(doc.facts.symbol).toBe(symbol);
    const [, session, number] = symbol.split('/').slice(1);
    expect(doc.paragraphs.some((p) => p.text === `${session}/${number}. ${doc.facts.title}`)).toBe(true);
    expect(doc.facts.date).toMatch(/^20\d\d-\d\d-\d\d$/);
    // Resolutions open "The General Assembly," then preambular paragraphs (declarations open "We, ...").
    const opener = doc.paragraphs.findIndex((p) => p.text === 'The General Assembly,');
    if (opener >= 0) expect(doc.paragraphs[opener + 1].kind).toBe('preambular');
    for (const p of doc.paragraphs) expect(doc.text.slice(p.start, p.end)).toBe(p.text);
  });
});

describe.skipIf(!present)('language of the other documents', () => {
  const byLanguage = (suffix: string) => files.filter((f) => f.endsWith(`_${suffix}.pdf`));

  it.each([
    ...byLanguage('fr').map((f) => [f, 'fr']),
    ...byLanguage('es').map((f) => [f, 'es']),
    ...byLanguage('en').map((f) => [f, 'en']),
  ])('%s is %s', async (file, language) => {
    const doc = await extract(file);
    expect(doc.facts.language).toBe(language);
  });
});

describe.skipIf(!present || !existsSync(path.join(corpus, 'controls')))('controls', () => {
  afterAll(() => closeExtractionPool());

  it('the image-only scan needs OCR when OCR is off (through the worker), and says so', async () => {
    const dir = path.join(corpus, 'controls');
    const scans = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      const result = await extractDocument(new Uint8Array(readFileSync(path.join(dir, scan))), { ocr: { kind: 'off' } });
      expect(result.outcome).toBe('needs-ocr');
      expect(result.reason).toMatch(/OCR is turned off/);
    }
  });
});
