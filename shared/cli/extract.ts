/**
 * npm run extract -- <file.pdf> [--json] [--timeout <ms>] [--max-pages <n>] [--max-bytes <n>]
 *
 * Extracts one PDF the way the pipeline does (worker thread, time limit) and prints its paragraphs:
 * one line per paragraph for a person, or with --json exactly one JSON object on stdout:
 *   { outcome, reason, code, language, title, pages, failedPages, sha256, extractorVersion,
 *     paragraphs: [{ index, number, page, pageEnd, kind, text, start, end, source, confidence }], symbol, date, ocr }
 * `ocr` is null for a document without scanned pages, else { engine, pages, confidence, model, notes };
 * `source` is "text" or "ocr", `confidence` (0–1) is set for OCR paragraphs only.
 * --ocr off leaves scans unread (they are reported needs-ocr), as GCM_OCR=off does in the pipeline.
 * Exit code: 0 for ok and needs-ocr, 1 for failed, 2 for usage errors (missing or unreadable file).
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import {
  closeExtractionPool,
  extractDocument,
  tesseractEngineVersion,
  type ExtractionLimits,
  type ExtractionResult,
  type OcrMode,
} from '../core/extract/index';

/** The stable JSON shape other tools read (keys and their order do not change). */
export function toJson(result: ExtractionResult) {
  const facts = result.outcome === 'ok' ? result.document.facts : result.facts;
  return {
    outcome: result.outcome,
    reason: result.reason,
    code: result.outcome === 'failed' ? result.code : null,
    language: facts.language ?? null,
    title: facts.title ?? null,
    pages: facts.pageCount ?? null,
    failedPages: facts.failedPages ?? [],
    sha256: facts.sha256 ?? null,
    extractorVersion: facts.extractorVersion ?? null,
    paragraphs:
      result.outcome === 'ok'
        ? result.document.paragraphs.map((p) => ({
            index: p.index,
            number: p.number,
            page: p.page,
            pageEnd: p.pageEnd,
            kind: p.kind,
            text: p.text,
            start: p.start,
            end: p.end,
            source: p.source ?? 'text',
            confidence: p.confidence ?? null,
          }))
        : [],
    // Added after the original keys, so that their order stays as it was.
    symbol: facts.symbol ?? null,
    date: facts.date ?? null,
    ocr: facts.ocr ?? null,
  };
}

function firstWords(text: string, count = 12): string {
  const words = text.split(/\s+/);
  return words.length <= count ? text : `${words.slice(0, count).join(' ')} …`;
}

function printHuman(file: string, result: ExtractionResult): void {
  const out: string[] = [];
  if (result.outcome !== 'ok') {
    const code = result.outcome === 'failed' ? ` (${result.code})` : '';
    out.push(`${file}: ${result.outcome}${code}: ${result.reason}`);
    console.log(out.join('\n'));
    return;
  }
  const { facts, paragraphs } = result.document;
  out.push(`${file}: ok, ${facts.pageCount} pages, ${paragraphs.length} paragraphs, language ${facts.language}, extractor ${facts.extractorVersion}`);
  out.push(`title: ${facts.title ?? '(none)'}${facts.symbol ? `, symbol ${facts.symbol}` : ''}${facts.date ? `, date ${facts.date}` : ''}`);
  if (facts.ocr) {
    out.push(`OCR (${facts.ocr.engine}, model ${facts.ocr.model ?? '-'}): pages ${facts.ocr.pages.join(', ')}, confidence ${facts.ocr.confidence ?? '-'}`);
    for (const note of facts.ocr.notes) out.push(`note: ${note}`);
  }
  if (facts.failedPages.length > 0) out.push(`unreadable pages: ${facts.failedPages.join(', ')}`);
  out.push('');
  out.push(`${'#'.padStart(4)}  ${'number'.padEnd(9)} ${'page'.padStart(4)}  ${'kind'.padEnd(10)}  text`);
  for (const p of paragraphs) {
    const ocr = p.source === 'ocr' ? ` [OCR ${p.confidence}]` : '';
    out.push(`${String(p.index).padStart(4)}  ${(p.number ?? '-').padEnd(9)} ${String(p.page).padStart(4)}  ${p.kind.padEnd(10)}  ${firstWords(p.text)}${ocr}`);
  }
  console.log(out.join('\n'));
}

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
};

const program = new Command()
  .name('extract')
  .description('Extract the clean, numbered paragraphs of a PDF')
  .argument('<file>', 'path of the PDF')
  .option('--json', 'print one JSON object instead of a table')
  .option('--timeout <ms>', 'time limit of the parse in milliseconds', positiveInt)
  .option('--max-pages <n>', 'refuse PDFs with more pages', positiveInt)
  .option('--max-bytes <n>', 'refuse larger files', positiveInt)
  .option('--ocr <engine>', 'read scanned pages with "tesseract" (default) or leave them "off"', 'tesseract')
  .action(async (file: string, opts: { json?: boolean; timeout?: number; maxPages?: number; maxBytes?: number; ocr: string }) => {
    if (opts.ocr !== 'tesseract' && opts.ocr !== 'off') {
      console.error(`extract: --ocr must be tesseract or off, not ${opts.ocr}`);
      process.exitCode = 2;
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (err) {
      console.error(`extract: cannot read ${file}: ${(err as Error).message}`);
      process.exitCode = 2;
      return;
    }
    const limits: Partial<ExtractionLimits> = {};
    if (opts.timeout) limits.timeoutMs = opts.timeout;
    if (opts.maxPages) limits.maxPages = opts.maxPages;
    if (opts.maxBytes) limits.maxBytes = opts.maxBytes;
    const ocr: OcrMode = opts.ocr === 'off' ? { kind: 'off' } : { kind: 'local', engineVersion: tesseractEngineVersion() };
    const result = await extractDocument(bytes, { limits, ocr });
    await closeExtractionPool();
    if (opts.json) process.stdout.write(`${JSON.stringify(toJson(result))}\n`);
    else printHuman(file, result);
    if (result.outcome === 'failed') process.exitCode = 1;
  });

program.exitOverride((err) => {
  // Usage errors (missing argument, bad option) exit 2; --help and --version exit 0.
  process.exit(err.exitCode === 0 ? 0 : 2);
});

await program.parseAsync(process.argv);
